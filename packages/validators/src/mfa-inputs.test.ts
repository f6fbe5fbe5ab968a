import { describe, expect, it } from "vitest";
import { completeLoginInput, confirmTotpInput, recoveryCodeSchema } from "./mfa-inputs";

const ticket = "A".repeat(43);

describe("second-factor inputs", () => {
  it("take a 6-digit code with the spaces an app shows", () => {
    expect(confirmTotpInput.parse({ code: "123 456" })).toEqual({ code: "123456" });
    expect(confirmTotpInput.safeParse({ code: "12345" }).success).toBe(false);
    expect(confirmTotpInput.safeParse({ code: "12345a" }).success).toBe(false);
  });

  it("take a recovery code as shown, in capitals, or without dashes", () => {
    for (const code of ["0ab1-cdef-ghjk-mnpq", "0AB1-CDEF-GHJK-MNPQ", "0ab1cdefghjkmnpq"]) {
      expect(recoveryCodeSchema.safeParse(code).success).toBe(true);
    }
    expect(recoveryCodeSchema.safeParse("123456").success).toBe(false);
  });

  it("complete a login with exactly one proof", () => {
    expect(completeLoginInput.safeParse({ ticket, code: "123456" }).success).toBe(true);
    expect(
      completeLoginInput.safeParse({ ticket, recoveryCode: "0ab1-cdef-ghjk-mnpq" }).success,
    ).toBe(true);
    expect(completeLoginInput.safeParse({ ticket }).success).toBe(false);
    expect(
      completeLoginInput.safeParse({
        ticket,
        code: "123456",
        recoveryCode: "0ab1-cdef-ghjk-mnpq",
      }).success,
    ).toBe(false);
    expect(completeLoginInput.safeParse({ ticket: "short", code: "123456" }).success).toBe(false);
  });
});
