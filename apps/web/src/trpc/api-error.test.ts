import { describe, expect, it } from "vitest";
import { waitMessage } from "./api-error";

describe("how a page says how long to wait", () => {
  it("counts seconds, then minutes, then hours", () => {
    expect(waitMessage(1)).toBe("Too many attempts. Try again in 1 second.");
    expect(waitMessage(42)).toBe("Too many attempts. Try again in 42 seconds.");
    expect(waitMessage(61)).toBe("Too many attempts. Try again in 2 minutes.");
    expect(waitMessage(900)).toBe("Too many attempts. Try again in 15 minutes.");
    expect(waitMessage(3 * 3600)).toBe("Too many attempts. Try again in 3 hours.");
  });

  it("falls back to a plain sentence when the wait is unknown", () => {
    expect(waitMessage(null)).toBe("Too many attempts. Wait a little and try again.");
  });
});
