import { Agent, type OutgoingHttpHeaders, request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApp, startApp } from "./support/app";

/** Far over the API's limit below, and over the server's drain allowance too. */
const TWO_MB = 2 * 1024 * 1024;
/** Over the API's limit, but small enough to be read and discarded. */
const EIGHT_KB = 8 * 1024;

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/**
 * One request through a kept-alive pool; the body is sent with its length declared,
 * or in chunks without one. Fails with the network error (ECONNRESET...) or after 10 s.
 */
function send(
  agent: Agent,
  base: string,
  options: { path: string; method?: string; headers?: OutgoingHttpHeaders; body?: Buffer },
  framing: "declared" | "chunked" = "declared",
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: OutgoingHttpHeaders = { ...options.headers };
    if (options.body && framing === "declared") headers["content-length"] = options.body.length;
    const outgoing = request(
      new URL(options.path, base),
      { agent, method: options.method ?? "GET", headers, timeout: 10_000 },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
        incoming.on("error", reject);
        incoming.on("end", () =>
          resolve({
            status: incoming.statusCode ?? 0,
            headers: incoming.headers,
            text: Buffer.concat(chunks).toString(),
          }),
        );
      },
    );
    outgoing.on("timeout", () => outgoing.destroy(new Error(`no answer to ${options.path}`)));
    outgoing.on("error", reject);
    if (options.body && framing === "chunked") {
      // Several writes, so the body goes out with Transfer-Encoding: chunked.
      for (let at = 0; at < options.body.length; at += 64 * 1024) {
        outgoing.write(options.body.subarray(at, at + 64 * 1024));
      }
      outgoing.end();
    } else outgoing.end(options.body);
  });
}

/** 20 requests at once on the pool: half to the API, half to a Next route; all must answer. */
async function twentyInParallel(agent: Agent, base: string) {
  const settled = await Promise.allSettled(
    Array.from({ length: 20 }, (_, i) =>
      send(agent, base, { path: i % 2 ? "/api/trpc/auth.me" : "/.well-known/jwks.json" }),
    ),
  );
  const failures = settled.flatMap((result) =>
    result.status === "rejected" ? [String(result.reason)] : [],
  );
  expect(failures, failures.join("\n")).toEqual([]);
  const statuses = settled.map((result) =>
    result.status === "fulfilled" ? result.value.status : 0,
  );
  expect(statuses).toEqual(Array.from({ length: 20 }, (_, i) => (i % 2 ? 401 : 200)));
}

describe("a refused body over a kept-alive connection", () => {
  let app: RunningApp;
  const agents: Agent[] = [];
  /** One connection, so every request after the refused one must go over it or a new one. */
  const pool = () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    agents.push(agent);
    return agent;
  };

  beforeAll(async () => {
    app = await startApp({ ALLOW_EMBEDDED_SERVICES: "true", API_MAX_BODY_BYTES: "4096" });
  });
  afterAll(async () => {
    for (const agent of agents) agent.destroy();
    await app?.stop();
  });

  it.each([
    ["a 2 MB body with its length declared", TWO_MB, "declared"],
    ["a 2 MB chunked body", TWO_MB, "chunked"],
    ["an 8 KB body with its length declared", EIGHT_KB, "declared"],
    ["an 8 KB chunked body", EIGHT_KB, "chunked"],
  ] as const)(
    "answers %s with a JSON 413, and the pool's next 20 requests all succeed",
    async (_name, size, framing) => {
      const agent = pool();
      const refused = await send(
        agent,
        app.url,
        {
          path: "/api/trpc/auth.login",
          method: "POST",
          headers: { "content-type": "application/json" },
          body: Buffer.alloc(size, "x"),
        },
        framing,
      );
      expect(refused.status, refused.text).toBe(413);
      expect(JSON.parse(refused.text)).toMatchObject({
        error: {
          data: { code: "PAYLOAD_TOO_LARGE", httpStatus: 413, reason: "PAYLOAD_TOO_LARGE" },
        },
      });
      await twentyInParallel(agent, app.url);
    },
  );

  it("keeps the connection open after a small refused body: the rest is read and discarded", async () => {
    const agent = pool();
    const refused = await send(agent, app.url, {
      path: "/api/trpc/auth.login",
      method: "POST",
      headers: { "content-type": "application/json" },
      body: Buffer.alloc(EIGHT_KB, "x"),
    });
    expect(refused.status).toBe(413);
    expect(refused.headers.connection).toBe("keep-alive");
  });

  it("closes the connection after a refused body too large to discard, and says so", async () => {
    const agent = pool();
    const refused = await send(agent, app.url, {
      path: "/api/trpc/auth.login",
      method: "POST",
      headers: { "content-type": "application/json" },
      body: Buffer.alloc(TWO_MB, "x"),
    });
    expect(refused.status).toBe(413);
    expect(refused.headers.connection).toBe("close");
  });

  it.each([
    ["declared", "declared"],
    ["chunked", "chunked"],
  ] as const)("leaves the pool usable after a 2 MB %s POST to a page", async (_name, framing) => {
    const agent = pool();
    const answer = await send(
      agent,
      app.url,
      {
        path: "/login",
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: Buffer.alloc(TWO_MB, "x"),
      },
      framing,
    );
    expect(answer.status, answer.text.slice(0, 200)).toBeLessThan(500);
    await twentyInParallel(agent, app.url);
  });
});
