import { describe, expect, it } from "vitest";
import { AuthError, authErrorReasons } from "./errors";

describe("the messages of domain errors", () => {
  it("speak of logging in and out, as the pages and emails do, never of signing in or out", () => {
    for (const reason of authErrorReasons) {
      expect(new AuthError(reason).message, reason).not.toMatch(
        /\bsign(?:s|ed|ing)?[- ]?(?:in|out)\b/i,
      );
    }
  });
});
