import { beforeAll, describe, expect, it } from "vitest";
import {
  describeStrength,
  loadPasswordRater,
  type RatePassword,
  userInputsOf,
} from "./password-score";

describe("the password strength hint", () => {
  let rate: RatePassword;
  beforeAll(async () => {
    rate = await loadPasswordRater();
  });

  it("does not rate Password1234! Good or better, and says why", () => {
    const strength = describeStrength("Password1234!", rate);
    expect(["Very weak", "Weak", "Fair"]).toContain(strength.label);
    expect(strength.advice).toMatch(/commonly used password/);
  });

  it("rates a long passphrase of unrelated words Good or better, without advice", () => {
    const strength = describeStrength("plum tractor whisper canyon", rate);
    expect(["Good", "Strong"]).toContain(strength.label);
    expect(strength.advice).toBeNull();
  });

  it("rates a password made of the address lower than the same password from a stranger", () => {
    const inputs = userInputsOf("Ann.Smith@example.com");
    const own = describeStrength("annsmith2024!", rate, inputs);
    const stranger = describeStrength("annsmith2024!", rate, []);
    expect(stranger.label).toBe("Good");
    expect(own.score).toBeLessThan(stranger.score ?? 0);
    expect(own.advice).toMatch(/personal/);
  });

  it("applies the length rule before zxcvbn, and says so while zxcvbn is loading", () => {
    expect(describeStrength("short", rate)).toEqual({ label: "Too short", score: 0, advice: null });
    expect(describeStrength("x".repeat(129), rate).label).toBe("Too long");
    expect(describeStrength("plum tractor whisper canyon", null)).toEqual({
      label: "checking…",
      score: null,
      advice: null,
    });
  });

  it("passes zxcvbn the address, its local part with and without separators, and its words", () => {
    expect(userInputsOf(" Ann.Smith@Mail.Example.com ")).toEqual([
      "ann.smith@mail.example.com",
      "ann.smith",
      "annsmith",
      "ann",
      "smith",
      "mail",
      "example",
    ]);
    expect(userInputsOf("")).toEqual([]);
  });

  it("loads zxcvbn once", async () => {
    expect(await loadPasswordRater()).toBe(rate);
  });
});
