import { describe, expect, it } from "vitest";
import { emailSchema } from "./email";

const errorsOf = (input: string) => {
  const result = emailSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
};

describe("email addresses", () => {
  it("normalizes: NFC, trimmed, lower-cased", () => {
    expect(emailSchema.parse("  Ann.Smith@Example.COM ")).toBe("ann.smith@example.com");
  });

  it("accepts a local part of exactly 64 octets and refuses 65", () => {
    expect(errorsOf(`${"a".repeat(64)}@example.com`)).toEqual([]);
    expect(errorsOf(`${"a".repeat(65)}@example.com`)).toEqual([
      "The part before the @ is too long (at most 64 characters).",
    ]);
  });

  it("accepts an address of exactly 254 octets and refuses 255", () => {
    const domain = `${"b".repeat(60)}.${"c".repeat(60)}.${"d".repeat(63)}.com`;
    const at254 = `${"a".repeat(64)}@${domain}`;
    expect(at254).toHaveLength(254);
    expect(errorsOf(at254)).toEqual([]);
    expect(errorsOf(`${at254}x`)).toEqual([
      "That email address is too long (at most 254 characters).",
    ]);
  });

  it("measures after normalization: surrounding spaces do not count", () => {
    expect(errorsOf(`   ${"a".repeat(64)}@example.com   `)).toEqual([]);
  });

  it("counts octets, not characters: 33 two-byte letters are 66 octets", () => {
    // The address syntax refuses non-ASCII too; the length rule must refuse it on its own.
    expect(errorsOf(`${"é".repeat(33)}@example.com`)).toContain(
      "The part before the @ is too long (at most 64 characters).",
    );
    expect(errorsOf(`${"é".repeat(32)}@example.com`)).not.toContain(
      "The part before the @ is too long (at most 64 characters).",
    );
  });
});
