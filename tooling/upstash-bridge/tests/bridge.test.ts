import { randomBytes, randomUUID } from "node:crypto";
import { Redis } from "@upstash/redis";
import { Redis as IORedis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deleteKeysUnder } from "../../../scripts/test/redis-keys";
import { testServices } from "../../../scripts/test/services";
import { startUpstashBridge, type UpstashBridge } from "../src";

const token = randomBytes(16).toString("hex");
const prefix = `latch-test:bridge:${randomUUID()}:`;
const key = (name: string) => `${prefix}${name}`;
const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64");
const UNICODE = "héllo wörld, 日本語 🎉";

let bridge: UpstashBridge;
let direct: IORedis;

beforeAll(async () => {
  bridge = await startUpstashBridge({ redisUrl: testServices.redisUrl, token });
  direct = new IORedis(testServices.redisUrl);
});

afterAll(async () => {
  await deleteKeysUnder(direct, prefix);
  await direct?.quit();
  await bridge?.close();
});

interface Answer {
  status: number;
  contentType: string | null;
  body: unknown;
}

async function post(
  path: string,
  body: unknown,
  headers: Record<string, string> = { authorization: `Bearer ${token}` },
): Promise<Answer> {
  const response = await fetch(`${bridge.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return {
    status: response.status,
    contentType: response.headers.get("content-type"),
    body: await response.json(),
  };
}

const withBase64 = { authorization: `Bearer ${token}`, "upstash-encoding": "base64" };

/** A JSON error body: one short message, no stack trace. */
function expectJsonError(answer: Answer, status: number, message?: RegExp) {
  expect(answer.status).toBe(status);
  expect(answer.contentType).toBe("application/json");
  expect(answer.body).toEqual({ error: expect.any(String) });
  const { error } = answer.body as { error: string };
  expect(error).not.toMatch(/\n|\bat .+:\d+:\d+/);
  if (message) expect(error).toMatch(message);
}

describe("the Upstash bridge's authentication", () => {
  it("answers 401 with a JSON error when the bearer token is missing", async () => {
    expectJsonError(await post("/", ["ping"], {}), 401);
  });

  it("answers 401 to a wrong token, including one that differs only at the end", async () => {
    expectJsonError(await post("/", ["ping"], { authorization: "Bearer nope" }), 401);
    const almost = `${token.slice(0, -1)}${token.endsWith("0") ? "1" : "0"}`;
    expectJsonError(await post("/", ["ping"], { authorization: `Bearer ${almost}` }), 401);
    expectJsonError(await post("/", ["ping"], { authorization: token }), 401);
  });

  it("checks the token before anything else, even on unknown paths", async () => {
    expectJsonError(await post("/nowhere", ["ping"], {}), 401);
  });
});

describe("the Upstash bridge's request checks", () => {
  it("answers malformed JSON with 400 and a JSON error", async () => {
    expectJsonError(await post("/", '["set", "k"'), 400, /^ERR /);
  });

  it.each([
    ["an object", "/", { command: "ping" }],
    ["an empty array", "/", []],
    ["a command with an object argument", "/", ["set", key("x"), { a: 1 }]],
    ["a pipeline that is a single command", "/pipeline", ["get", key("x")]],
    ["a transaction with an empty command", "/multi-exec", [["get", key("x")], []]],
  ])("answers %s with 400 and a JSON error", async (_, path, body) => {
    expectJsonError(await post(path, body), 400, /^ERR /);
  });

  it("refuses a body over 1 MiB with 413 and a JSON error, and keeps serving", async () => {
    const huge = ["set", key("huge"), "x".repeat(1024 * 1024 + 1)];
    expectJsonError(await post("/", huge), 413, /larger than/);
    expect(await direct.exists(key("huge"))).toBe(0);
    expect((await post("/", ["ping"])).body).toEqual({ result: "PONG" });
  });

  it("refuses an oversized body sent in chunks without a Content-Length", async () => {
    const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        // Keeps going past the limit: the bridge must answer without reading it all.
        if (sent >= 4 * 1024 * 1024) controller.close();
        else {
          sent += chunk.length;
          controller.enqueue(chunk);
        }
      },
    });
    const response = await fetch(bridge.url, {
      method: "POST",
      headers: { authorization: `Bearer ${token}` },
      body,
      duplex: "half",
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: expect.stringMatching(/larger than/) });
  });

  it("answers 404 for unknown paths and 405 for methods other than POST", async () => {
    expectJsonError(await post("/get/k", []), 404);
    const response = await fetch(bridge.url, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(405);
    expect(await response.json()).toEqual({ error: expect.any(String) });
  });

  it("passes Redis errors on as 400 with Redis's own message", async () => {
    await direct.set(key("word"), "abc");
    expectJsonError(await post("/", ["incr", key("word")]), 400, /^ERR value is not an integer/);
    expectJsonError(await post("/", ["nosuchcommand"]), 400, /^ERR unknown command/);
  });

  it("refuses commands that would block or take over the shared Redis connection", async () => {
    for (const command of [
      ["subscribe", "channel"],
      ["blpop", key("list"), "0"],
      ["select", "1"],
      ["MULTI"],
      ["xread", "BLOCK", "0", "STREAMS", key("s"), "$"],
    ]) {
      expectJsonError(await post("/", command), 400, /not supported by the Upstash bridge/);
    }
  });
});

describe("the Upstash bridge's commands", () => {
  it("runs one command and sends integers as JSON numbers", async () => {
    expect((await post("/", ["set", key("n"), 5])).body).toEqual({ result: "OK" });
    expect((await post("/", ["incrby", key("n"), 2])).body).toEqual({ result: 7 });
    expect((await post("/", ["get", key("missing")])).body).toEqual({ result: null });
  });

  it("runs a pipeline in order and gives each command its own result or error", async () => {
    const answer = await post("/pipeline", [
      ["set", key("p"), "v"],
      ["incr", key("p")],
      ["get", key("p")],
      ["del", key("p")],
    ]);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual([
      { result: "OK" },
      { error: "ERR value is not an integer or out of range" },
      { result: "v" },
      { result: 1 },
    ]);
  });

  it("runs multi-exec as one transaction, a failing command reported in place", async () => {
    await direct.set(key("word2"), "abc");
    const answer = await post("/multi-exec", [
      ["set", key("m"), "1"],
      ["incr", key("m")],
      ["incr", key("word2")],
      ["get", key("m")],
    ]);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual([
      { result: "OK" },
      { result: 2 },
      { error: "ERR value is not an integer or out of range" },
      { result: "2" },
    ]);
  });

  it("aborts the whole transaction with 400 when Redis refuses to queue a command", async () => {
    const answer = await post("/multi-exec", [
      ["set", key("aborted"), "1"],
      ["set", key("aborted")],
    ]);
    expectJsonError(answer, 400, /^EXECABORT .*wrong number of arguments/);
    expect(await direct.exists(key("aborted"))).toBe(0);
  });
});

describe("the Upstash bridge's base64 encoding", () => {
  it("base64-encodes a non-ASCII value from its UTF-8 bytes, and sends it plain without the header", async () => {
    await direct.set(key("unicode"), UNICODE);
    expect((await post("/", ["get", key("unicode")], withBase64)).body).toEqual({
      result: b64(UNICODE),
    });
    expect((await post("/", ["get", key("unicode")])).body).toEqual({ result: UNICODE });
  });

  it("sends a top-level OK in the clear but encodes an OK inside an array", async () => {
    await direct.set(key("ok"), "OK");
    expect((await post("/", ["set", key("ok"), "OK"], withBase64)).body).toEqual({ result: "OK" });
    expect((await post("/", ["get", key("ok")], withBase64)).body).toEqual({ result: "OK" });
    expect((await post("/", ["mget", key("ok"), key("unicode")], withBase64)).body).toEqual({
      result: [b64("OK"), b64(UNICODE)],
    });
    expect((await post("/pipeline", [["get", key("ok")]], withBase64)).body).toEqual([
      { result: "OK" },
    ]);
  });

  it("lets the real client read OK, non-ASCII and JSON-looking values back exactly, everywhere", async () => {
    const redis = new Redis({
      url: bridge.url,
      token,
      automaticDeserialization: false,
      enableTelemetry: false,
    });
    const values = ["OK", UNICODE, '{"a":1}', "123", ""];
    for (const [index, value] of values.entries()) await redis.set(key(`c${index}`), value);
    const names = values.map((_, index) => key(`c${index}`));
    expect(await Promise.all(names.map((name) => redis.get(name)))).toEqual(values);
    expect(await redis.mget(...names)).toEqual(values);
    const pipeline = redis.pipeline();
    for (const name of names) pipeline.get(name);
    expect(await pipeline.exec()).toEqual(values);
    const transaction = redis.multi();
    for (const name of names) transaction.get(name);
    transaction.set(key("c-tx"), "OK");
    transaction.incr(key("c-counter"));
    expect(await transaction.exec()).toEqual([...values, "OK", 1]);
  });

  it("serves a client that asks for no encoding too", async () => {
    const redis = new Redis({
      url: bridge.url,
      token,
      responseEncoding: false,
      automaticDeserialization: false,
      enableTelemetry: false,
    });
    await redis.set(key("plain"), UNICODE);
    expect(await redis.get(key("plain"))).toBe(UNICODE);
    expect(await redis.mget(key("plain"), key("missing"))).toEqual([UNICODE, null]);
  });
});

describe("the Upstash bridge's lifecycle", () => {
  it("closing stops the HTTP server and releases its Redis connection", async () => {
    const connectionName = `latch-bridge-test-${randomUUID()}`;
    const own = await startUpstashBridge({
      redisUrl: testServices.redisUrl,
      token,
      connectionName,
    });
    const connected = async () =>
      ((await direct.client("LIST")) as string).includes(connectionName);
    // A keep-alive connection, which close must not wait for.
    await fetch(own.url, {
      method: "POST",
      headers: { authorization: `Bearer ${token}` },
      body: '["ping"]',
    });
    expect(await connected()).toBe(true);
    await own.close();
    await expect(fetch(own.url, { method: "POST", body: '["ping"]' })).rejects.toThrow();
    expect(await connected()).toBe(false);
  });

  it("starts while Redis is unreachable and answers 503, naming the URL without its password", async () => {
    const own = await startUpstashBridge({ redisUrl: "redis://:hunter2@127.0.0.1:1", token });
    try {
      const response = await fetch(own.url, {
        method: "POST",
        headers: { authorization: `Bearer ${token}` },
        body: '["ping"]',
      });
      expect(response.status).toBe(503);
      const { error } = (await response.json()) as { error: string };
      expect(error).toMatch(/^ERR Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:1\/? is unavailable/);
      expect(error).not.toMatch(/hunter2/);
    } finally {
      await own.close();
    }
  });
});
