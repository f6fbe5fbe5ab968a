import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import { sessionEffectOf, sessionEffects } from "./session-rules";

const refusal = (reason: string) =>
  new TRPCClientError(reason, {
    result: { error: { message: reason, code: -32001, data: { reason } } },
  });

describe("the client's one table of what a refusal means for the session", () => {
  it("refreshes around a missing, bad or expired access token", () => {
    for (const reason of ["ACCESS_TOKEN_MISSING", "ACCESS_TOKEN_INVALID", "ACCESS_TOKEN_EXPIRED"]) {
      expect(sessionEffectOf(refusal(reason)), reason).toBe("refresh");
    }
  });

  it("ends the session on a refused refresh token or a revoked session", () => {
    const ending = Object.entries(sessionEffects)
      .filter(([, effect]) => effect === "ended")
      .map(([reason]) => reason)
      .sort();
    expect(ending).toEqual([
      "REFRESH_TOKEN_EXPIRED",
      "REFRESH_TOKEN_INVALID",
      "REFRESH_TOKEN_REUSED",
      "SESSION_REVOKED",
    ]);
  });

  it("leaves the session alone for anything else: an outage, a limit, a network error", () => {
    expect(sessionEffectOf(refusal("SERVICE_UNAVAILABLE"))).toBeUndefined();
    expect(sessionEffectOf(refusal("RATE_LIMITED"))).toBeUndefined();
    expect(sessionEffectOf(new TypeError("fetch failed"))).toBeUndefined();
  });
});
