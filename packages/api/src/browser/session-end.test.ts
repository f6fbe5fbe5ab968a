import { AuthError } from "@latch/auth";
import { describe, expect, it } from "vitest";
import { endsBrowserSession } from "./session-end";

describe("the server's one table of session-ending reasons", () => {
  it("ends a browser session whose refresh token is bad or expired, or whose session was revoked", () => {
    for (const reason of [
      "REFRESH_TOKEN_INVALID",
      "REFRESH_TOKEN_EXPIRED",
      "SESSION_REVOKED",
    ] as const) {
      expect(endsBrowserSession(new AuthError(reason)), reason).toBe(true);
    }
  });

  it("keeps the cookies through a reuse within the grace, an outage, or an error of ours", () => {
    expect(endsBrowserSession(new AuthError("REFRESH_TOKEN_REUSED"))).toBe(false);
    expect(endsBrowserSession(new AuthError("SERVICE_UNAVAILABLE"))).toBe(false);
    expect(endsBrowserSession(new Error("boom"))).toBe(false);
  });
});
