import { describe, expect, it } from "vitest";
import { cryptoRandom } from "../ports/clock-and-random";
import { openSecret, sealSecret } from "./secret-box";

const authSecret = new TextEncoder().encode("a-test-secret-of-at-least-32-bytes!!");
const plain = new Uint8Array(20).fill(7);

describe("the TOTP secret at rest", () => {
  it("opens what it sealed, for the same user", () => {
    const sealed = sealSecret(authSecret, "user-1", plain, cryptoRandom);
    expect(openSecret(authSecret, "user-1", sealed)).toEqual(plain);
  });

  it("never holds the secret in plain, and seals it differently each time", () => {
    const first = sealSecret(authSecret, "user-1", plain, cryptoRandom);
    const second = sealSecret(authSecret, "user-1", plain, cryptoRandom);
    expect(first).not.toBe(second);
    expect(first).not.toContain(Buffer.from(plain).toString("base64url"));
  });

  it("refuses to open another user's secret, a tampered one, or one sealed under another AUTH_SECRET", () => {
    const sealed = sealSecret(authSecret, "user-1", plain, cryptoRandom);
    expect(() => openSecret(authSecret, "user-2", sealed)).toThrow();
    // Another character in place of the second-to-last one (always a bit of the tag).
    const swapped = sealed.at(-2) === "A" ? "B" : "A";
    const tampered = `${sealed.slice(0, -2)}${swapped}${sealed.slice(-1)}`;
    expect(() => openSecret(authSecret, "user-1", tampered)).toThrow();
    const other = new TextEncoder().encode("another-secret-of-at-least-32-bytes!");
    expect(() => openSecret(other, "user-1", sealed)).toThrow();
  });
});
