import { describe, expect, it } from "vitest";
import { emailSchema } from "./email";

// Messages are keys of the catalogue's "validation" namespace; the numbers they mention are params.
const errorsOf = (input: string) => {
  const result = emailSchema.safeParse(input);
  return result.success
    ? []
    : result.error.issues.map(
        (issue) => `${issue.message} ${JSON.stringify("params" in issue ? issue.params : {})}`,
      );
};

describe("email addresses", () => {
  it("normalizes: NFC, trimmed, lower-cased", () => {
    expect(emailSchema.parse("  Ann.Smith@Example.COM ")).toBe("ann.smith@example.com");
  });

  it("accepts a local part of exactly 64 octets and refuses 65", () => {
    expect(errorsOf(`${"a".repeat(64)}@example.com`)).toEqual([]);
    expect(errorsOf(`${"a".repeat(65)}@example.com`)).toEqual(['emailLocalPartTooLong {"max":64}']);
  });

  it("accepts an address of exactly 254 octets and refuses 255", () => {
    const domain = `${"b".repeat(60)}.${"c".repeat(60)}.${"d".repeat(63)}.com`;
    const at254 = `${"a".repeat(64)}@${domain}`;
    expect(at254).toHaveLength(254);
    expect(errorsOf(at254)).toEqual([]);
    expect(errorsOf(`${at254}x`)).toEqual(['emailTooLong {"max":254}']);
  });

  it("measures after normalization: surrounding spaces do not count", () => {
    expect(errorsOf(`   ${"a".repeat(64)}@example.com   `)).toEqual([]);
  });

  it("counts octets, not characters: 33 two-byte letters are 66 octets", () => {
    // The address syntax refuses non-ASCII too; the length rule must refuse it on its own.
    expect(errorsOf(`${"é".repeat(33)}@example.com`)).toContain('emailLocalPartTooLong {"max":64}');
    expect(errorsOf(`${"é".repeat(32)}@example.com`)).not.toContain(
      'emailLocalPartTooLong {"max":64}',
    );
  });
});
