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
    expect(["veryWeak", "weak", "fair"]).toContain(strength.level);
    expect(strength.advice).toMatch(/commonly used password/);
  });

  it("rates a long passphrase of unrelated words Good or better, without advice", () => {
    const strength = describeStrength("plum tractor whisper canyon", rate);
    expect(["good", "strong"]).toContain(strength.level);
    expect(strength.advice).toBeNull();
  });

  it("rates a password made of the address lower than the same password from a stranger", () => {
    const inputs = userInputsOf("Ann.Smith@example.com");
    const own = describeStrength("annsmith2024!", rate, inputs);
    const stranger = describeStrength("annsmith2024!", rate, []);
    expect(stranger.level).toBe("good");
    expect(own.score).toBeLessThan(stranger.score ?? 0);
    expect(own.advice).toMatch(/personal/);
  });

  it("applies the length rule before zxcvbn, and says so while zxcvbn is loading", () => {
    expect(describeStrength("short", rate)).toEqual({ level: "tooShort", score: 0, advice: null });
    expect(describeStrength("x".repeat(129), rate).level).toBe("tooLong");
    expect(describeStrength("plum tractor whisper canyon", null)).toEqual({
      level: "checking",
      score: null,
      advice: null,
    });
  });

  it("gives zxcvbn's advice in French and Spanish, and none where it has no pack for core 4", async () => {
    const french = describeStrength("Password1234!", await loadPasswordRater("fr"));
    const spanish = describeStrength("Password1234!", await loadPasswordRater("es"));
    const german = describeStrength("Password1234!", await loadPasswordRater("de"));
    expect(french.advice).not.toBeNull();
    expect(french.advice).not.toBe(describeStrength("Password1234!", rate).advice);
    expect(spanish.advice).not.toBeNull();
    expect(spanish.advice).not.toBe(describeStrength("Password1234!", rate).advice);
    expect(german.score).toBe(describeStrength("Password1234!", rate).score);
    expect(german.advice).toBeNull();
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

  it("loads zxcvbn once per language", async () => {
    expect(await loadPasswordRater()).toBe(rate);
    expect(await loadPasswordRater("en")).toBe(rate);
    expect(await loadPasswordRater("fr")).toBe(await loadPasswordRater("fr"));
  });
});
