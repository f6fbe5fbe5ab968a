import { isAuthError } from "@latch/auth";
import { type FakeRangeServer, sha1Hex, startFakeRangeServer } from "@latch/fake-pwned-range";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createRangeApiCheck, type RangeApiOptions } from "../src";

const BREACHED = "a passphrase that leaked long ago";
const PADDED = "only ever seen as padding";
const FINE = "correct horse battery staple";

/** Resolves to the reason of the AuthError a promise rejects with, or fails the test. */
async function reasonOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => new Error("expected the check to fail, but it answered"),
    (thrown: unknown) => thrown,
  );
  if (isAuthError(error)) return error.reason;
  throw error;
}

describe("the k-anonymity range API check, over HTTP against a local range server", () => {
  let range: FakeRangeServer;
  const logged: Array<{ event: string; detail: Record<string, string> }> = [];
  const check = (options: Partial<RangeApiOptions> = {}) =>
    createRangeApiCheck({
      url: range.url,
      onError: "closed",
      timeoutMs: 1500,
      log: (event, detail) => logged.push({ event, detail }),
      ...options,
    });

  beforeAll(async () => {
    range = await startFakeRangeServer({ breached: [BREACHED], padded: [PADDED] });
  });
  afterEach(() => {
    range.setMode("normal");
    logged.length = 0;
  });
  afterAll(() => range?.close());

  it("finds a breached password", async () => {
    expect(await check().isBreached(BREACHED)).toBe(true);
  });

  it("does not find a password the range does not list", async () => {
    expect(await check().isBreached(FINE)).toBe(false);
  });

  it("sends only the 5-digit hash prefix and asks for padding", async () => {
    const before = range.requests().length;
    await check({ url: `${range.url}/` }).isBreached(FINE);
    const [request, ...more] = range.requests().slice(before);
    expect(more).toEqual([]);
    expect(request?.method).toBe("GET");
    expect(request?.path).toBe(`/range/${sha1Hex(FINE).slice(0, 5)}`);
    expect(request?.headers["add-padding"]).toBe("true");
    expect(JSON.stringify(request)).not.toContain(sha1Hex(FINE).slice(5));
  });

  it("ignores padding lines (count 0), even one that carries the password's suffix", async () => {
    expect(await check().isBreached(PADDED)).toBe(false);
  });

  it("fails open when the API answers 500: accepts the password and logs why", async () => {
    range.setMode("error");
    expect(await check({ onError: "open" }).isBreached(BREACHED)).toBe(false);
    expect(logged).toEqual([
      {
        event: "breached-password check failed",
        detail: { reason: "HTTP 500", outcome: "password accepted (fail open)" },
      },
    ]);
  });

  it("fails closed when the API answers 500: SERVICE_UNAVAILABLE", async () => {
    range.setMode("error");
    expect(await reasonOf(check({ onError: "closed" }).isBreached(FINE))).toBe(
      "SERVICE_UNAVAILABLE",
    );
    expect(logged[0]?.detail).toEqual({ reason: "HTTP 500", outcome: "refused (fail closed)" });
  });

  it("does not read a 200 that is not a range (a captive portal) as 'not breached'", async () => {
    range.setMode("html");
    expect(await reasonOf(check({ onError: "closed" }).isBreached(FINE))).toBe(
      "SERVICE_UNAVAILABLE",
    );
    expect(logged[0]?.detail.reason).toBe("the answer is not a range");
  });

  it("gives up on a hanging server at the deadline, open or closed", async () => {
    range.setMode("hang");
    let started = performance.now();
    expect(await check({ onError: "open", timeoutMs: 300 }).isBreached(BREACHED)).toBe(false);
    const openMs = performance.now() - started;
    started = performance.now();
    expect(await reasonOf(check({ onError: "closed", timeoutMs: 300 }).isBreached(FINE))).toBe(
      "SERVICE_UNAVAILABLE",
    );
    const closedMs = performance.now() - started;
    for (const elapsed of [openMs, closedMs]) {
      expect(elapsed).toBeGreaterThanOrEqual(290);
      expect(elapsed).toBeLessThan(1500);
    }
    expect(logged.map((entry) => entry.detail.reason)).toEqual([
      "no answer within 300 ms",
      "no answer within 300 ms",
    ]);
  });

  it("treats an unreachable API like a failing one", async () => {
    const gone = await startFakeRangeServer();
    await gone.close();
    expect(await reasonOf(check({ url: gone.url }).isBreached(FINE))).toBe("SERVICE_UNAVAILABLE");
    expect(await check({ url: gone.url, onError: "open" }).isBreached(FINE)).toBe(false);
    expect(logged.map((entry) => entry.detail.reason)).toEqual(["unreachable", "unreachable"]);
  });
});
