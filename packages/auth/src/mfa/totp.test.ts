import { describe, expect, it } from "vitest";
import { cryptoRandom } from "../ports/clock-and-random";
import { matchingStep, newTotpSecret, otpauthUri, totpCodeAt, totpStepAt } from "./totp";

// RFC 6238, appendix B: the SHA-1 test secret and its 8-digit codes; 6 digits are their last six.
const rfcSecret = new TextEncoder().encode("12345678901234567890");

describe("TOTP (RFC 6238: SHA-1, 6 digits, 30 s)", () => {
  it.each([
    [59, "287082"],
    [1111111109, "081804"],
    [1111111111, "050471"],
    [1234567890, "005924"],
    [2000000000, "279037"],
  ])("gives the RFC's code at %i s", (seconds, code) => {
    expect(totpCodeAt(rfcSecret, new Date(seconds * 1000))).toBe(code);
  });

  it("accepts the code of the current step, or of one step either side, and says which step", () => {
    const now = new Date(1111111111 * 1000);
    const step = totpStepAt(now);
    for (const drift of [-1, 0, 1]) {
      const code = totpCodeAt(rfcSecret, new Date(now.getTime() + drift * 30_000));
      expect(matchingStep(rfcSecret, code, now)).toBe(step + drift);
    }
  });

  it("refuses a code two steps away, either side", () => {
    const now = new Date(1111111111 * 1000);
    for (const drift of [-2, 2]) {
      const code = totpCodeAt(rfcSecret, new Date(now.getTime() + drift * 30_000));
      expect(matchingStep(rfcSecret, code, now)).toBeNull();
    }
  });

  it("refuses anything that is not six digits", () => {
    const now = new Date(59 * 1000);
    expect(matchingStep(rfcSecret, "87082", now)).toBeNull();
    expect(matchingStep(rfcSecret, "94287082", now)).toBeNull();
  });

  it("makes secrets of 160 bits, and says them in the otpauth URI authenticator apps read", () => {
    const secret = newTotpSecret(cryptoRandom);
    expect(secret.bytes).toHaveLength(20);
    expect(secret.base32).toMatch(/^[A-Z2-7]{32}$/);
    const uri = new URL(otpauthUri(secret, { issuer: "Acme Cloud", account: "ann@example.com" }));
    expect(uri.protocol).toBe("otpauth:");
    expect(uri.host).toBe("totp");
    expect(decodeURIComponent(uri.pathname)).toBe("/Acme Cloud:ann@example.com");
    expect(Object.fromEntries(uri.searchParams)).toEqual({
      secret: secret.base32,
      issuer: "Acme Cloud",
      algorithm: "SHA1",
      digits: "6",
      period: "30",
    });
  });
});
