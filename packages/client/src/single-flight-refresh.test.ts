import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import { singleFlightRefresh } from "./single-flight-refresh";
import { memoryTokenStorage, type StoredTokens } from "./token-storage";

const tokens = (n: number): StoredTokens => ({
  access: `access-${n}`,
  refresh: `refresh-${n}`,
  accessExpiresAt: "2026-12-03T12:15:00.000Z",
  refreshExpiresAt: "2027-01-02T12:00:00.000Z",
});

const refusal = (reason: string) =>
  new TRPCClientError(reason, {
    result: { error: { message: reason, code: -32001, data: { reason } } },
  });

describe("single-flight refresh", () => {
  it("sends one refresh for any number of callers at once, and stores its tokens", async () => {
    const storage = memoryTokenStorage();
    storage.set(tokens(1));
    const sent: string[] = [];
    const refresh = singleFlightRefresh(
      storage,
      async (token) => {
        sent.push(token);
        await new Promise((resolve) => setTimeout(resolve, 20));
        return tokens(2);
      },
      "test",
    );

    const results = await Promise.all(Array.from({ length: 30 }, () => refresh()));
    expect(sent).toEqual(["refresh-1"]);
    expect(new Set(results.map((result) => result?.refresh))).toEqual(new Set(["refresh-2"]));
    expect(storage.get()).toEqual(tokens(2));

    // The next round is a new flight with the new token.
    await refresh();
    expect(sent).toEqual(["refresh-1", "refresh-2"]);
  });

  it("forgets the session when Latch says it ended, and answers null", async () => {
    for (const reason of ["SESSION_REVOKED", "REFRESH_TOKEN_EXPIRED", "REFRESH_TOKEN_INVALID"]) {
      const storage = memoryTokenStorage();
      storage.set(tokens(1));
      const refresh = singleFlightRefresh(storage, () => Promise.reject(refusal(reason)), "test");
      expect(await refresh()).toBeNull();
      expect(storage.get()).toBeNull();
    }
  });

  it("keeps the session through an outage, so a later try can still refresh it", async () => {
    const storage = memoryTokenStorage();
    storage.set(tokens(1));
    const refresh = singleFlightRefresh(
      storage,
      () => Promise.reject(refusal("SERVICE_UNAVAILABLE")),
      "test",
    );
    await expect(refresh()).rejects.toThrow("SERVICE_UNAVAILABLE");
    expect(storage.get()).toEqual(tokens(1));
  });

  it("takes the tokens another holder of the storage rotated to, instead of ending the session", async () => {
    const storage = memoryTokenStorage();
    storage.set(tokens(1));
    const refresh = singleFlightRefresh(
      storage,
      async () => {
        // Another tab rotated first: Latch refuses this replay within its grace period.
        storage.set(tokens(2));
        throw refusal("REFRESH_TOKEN_REUSED");
      },
      "test",
    );
    expect(await refresh()).toEqual(tokens(2));
    expect(storage.get()).toEqual(tokens(2));
  });

  it("does not refresh when nothing is stored", async () => {
    let calls = 0;
    const refresh = singleFlightRefresh(
      memoryTokenStorage(),
      async () => {
        calls++;
        return tokens(2);
      },
      "test",
    );
    expect(await refresh()).toBeNull();
    expect(calls).toBe(0);
  });
});
