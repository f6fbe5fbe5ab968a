import { AuthError } from "@latch/auth";
import { describe, expect, it } from "vitest";
import { guardPort } from "./dependency-guard";

const reasonOf = (promise: Promise<unknown>) =>
  promise.then(
    () => "resolved",
    (error: unknown) => (error instanceof AuthError ? error.reason : String(error)),
  );

describe("guarding a dependency", () => {
  const lines: string[] = [];
  const options = { name: "database", timeoutMs: 100, log: (line: string) => lines.push(line) };

  it("passes answers through, nested methods included", async () => {
    const port = guardPort({ users: { find: async (id: string) => `user ${id}` } }, options);
    expect(await port.users.find("7")).toBe("user 7");
  });

  it("turns a failure into SERVICE_UNAVAILABLE with Retry-After, logging only the error's name", async () => {
    const port = guardPort(
      {
        query: async () => {
          throw new Error("connect ECONNREFUSED 10.0.0.5:5432 password=hunter2");
        },
      },
      options,
    );
    const error = await port.query().catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: "SERVICE_UNAVAILABLE", retryAfterSeconds: 5 });
    expect(lines.at(-1)).toBe("[latch] database unavailable (query): Error");
  });

  it("gives up on a call that hangs at its deadline", async () => {
    const port = guardPort({ hang: () => new Promise<never>(() => undefined) }, options);
    const started = Date.now();
    expect(await reasonOf(port.hang())).toBe("SERVICE_UNAVAILABLE");
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("lets the domain's own errors through unchanged", async () => {
    const port = guardPort(
      {
        transaction: async () => {
          throw new AuthError("ALREADY_ACTIVE");
        },
      },
      options,
    );
    expect(await reasonOf(port.transaction())).toBe("ALREADY_ACTIVE");
  });

  /** A dependency that is down until told otherwise, guarded with a clock the test moves. */
  function flakyPort() {
    const dependency = { up: false, time: 0, lines: [] as string[] };
    const port = guardPort(
      {
        query: async () => {
          if (!dependency.up) throw new Error("ECONNREFUSED");
          return 1;
        },
      },
      {
        name: "database",
        timeoutMs: 100,
        log: (line) => dependency.lines.push(line),
        now: () => dependency.time,
      },
    );
    return { port, dependency };
  }

  it("logs an outage's first failure, then at most one line per 30 s, and its end once", async () => {
    const { port, dependency } = flakyPort();
    // The revocation worker's pace: four calls a second, for a minute and a bit.
    for (; dependency.time <= 61_000; dependency.time += 250) await reasonOf(port.query());
    dependency.up = true;
    await port.query();
    await port.query();

    expect(dependency.lines).toEqual([
      "[latch] database unavailable (query): Error",
      "[latch] database still unavailable (query): Error, 120 failed calls since the last line",
      "[latch] database still unavailable (query): Error, 120 failed calls since the last line",
      "[latch] database available again, after 245 failed calls",
    ]);
  });

  it("logs the next outage's first failure again", async () => {
    const { port, dependency } = flakyPort();
    await reasonOf(port.query());
    dependency.up = true;
    await port.query();
    dependency.up = false;
    dependency.time += 1_000;
    await reasonOf(port.query());
    expect(dependency.lines).toEqual([
      "[latch] database unavailable (query): Error",
      "[latch] database available again, after 1 failed call",
      "[latch] database unavailable (query): Error",
    ]);
  });
});
