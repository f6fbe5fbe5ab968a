import { describe, expect, it } from "vitest";
import { verifiedAddressClaim } from "./identity-provider";

describe("verifiedAddressClaim", () => {
  it("counts only the boolean true as verified", () => {
    expect(verifiedAddressClaim(true)).toBe(true);
    for (const value of [false, "true", "false", "1", 1, null, undefined, {}, [true]]) {
      expect(verifiedAddressClaim(value)).toBe(false);
    }
  });
});
