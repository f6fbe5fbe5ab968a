import { Resend } from "resend";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RecordingResendServer, startRecordingResendServer } from "../src/testing/index";

const apiKey = "re_recording_server_key";
let server: RecordingResendServer;

beforeAll(async () => {
  server = await startRecordingResendServer({ apiKey, failNext: { status: 503 } });
});
afterAll(async () => {
  await server.close();
});

function post(body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server.url}/emails`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${apiKey}`, ...headers },
    body: JSON.stringify(body),
  });
}

const valid = { from: "a@latch.test", to: ["b@latch.test"], subject: "s", text: "t" };

describe("the recording Resend server", () => {
  it("fails the first request when started with failNext, then answers normally", async () => {
    const failed = await post(valid);
    expect(failed.status).toBe(503);
    expect(await failed.json()).toMatchObject({ statusCode: 503, name: "internal_server_error" });

    const ok = await post(valid);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
  });

  it("answers a missing key with 401 and a wrong one with 403, like Resend", async () => {
    const missing = await post(valid, { authorization: "" });
    const wrong = await post(valid, { authorization: "Bearer re_nope" });

    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({
      statusCode: 401,
      name: "missing_api_key",
      message: "Missing API key in the authorization header.",
    });
    expect(wrong.status).toBe(403);
    expect(await wrong.json()).toMatchObject({ statusCode: 403, name: "invalid_api_key" });
  });

  it.each([
    ["from", { ...valid, from: undefined }],
    ["to", { ...valid, to: [] }],
    ["subject", { ...valid, subject: "" }],
    ["html` or `text", { ...valid, text: undefined }],
  ])("answers 422 when `%s` is missing", async (field, body) => {
    const response = await post(body);
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({
      statusCode: 422,
      name: "missing_required_field",
      message: `Missing \`${field}\` field.`,
    });
  });

  it("records the body and the headers the SDK sends, including an idempotency key", async () => {
    const resend = new Resend(apiKey, { baseUrl: server.url });
    const { data } = await resend.emails.send(
      { ...valid, to: "idem@latch.test", replyTo: "help@latch.test" },
      { idempotencyKey: "signup-42" },
    );

    const recorded = await server.waitFor((email) => email.body.to === "idem@latch.test", 1_000);
    expect(recorded).toMatchObject({
      id: data?.id,
      status: 200,
      idempotencyKey: "signup-42",
      body: { reply_to: "help@latch.test", subject: "s" },
    });
    expect(recorded.headers["idempotency-key"]).toBe("signup-42");
  });

  it("answers a repeated key and body with the first id, without recording a second email", async () => {
    const body = { ...valid, to: "twice@latch.test" };
    const first = await post(body, { "idempotency-key": "notice-1" });
    const again = await post(body, { "idempotency-key": "notice-1" });

    expect(again.status).toBe(200);
    const { id } = (await first.json()) as { id: string };
    expect(await again.json()).toEqual({ id });
    const recorded = server.received().filter((email) => email.idempotencyKey === "notice-1");
    expect(recorded).toMatchObject([{ id, status: 200, replays: 1 }]);
  });

  it("treats the same fields in another order as the same body", async () => {
    const key = { "idempotency-key": "notice-reordered" };
    const first = await post({ from: valid.from, to: valid.to, subject: "s", text: "t" }, key);
    const again = await post({ text: "t", subject: "s", to: valid.to, from: valid.from }, key);

    expect(await again.json()).toEqual(await first.json());
  });

  it("answers a repeated key with a different body with 409 invalid_idempotent_request", async () => {
    await post(valid, { "idempotency-key": "notice-2" });
    const changed = await post({ ...valid, subject: "other" }, { "idempotency-key": "notice-2" });

    expect(changed.status).toBe(409);
    expect(await changed.json()).toMatchObject({
      statusCode: 409,
      name: "invalid_idempotent_request",
    });
    expect(server.received().at(-1)).toMatchObject({ status: 409, idempotencyKey: "notice-2" });
  });

  it("lets a key that only ever failed go through on the retry", async () => {
    server.failNext({ status: 500 });
    const failed = await post(valid, { "idempotency-key": "notice-3" });
    const retried = await post(valid, { "idempotency-key": "notice-3" });

    expect([failed.status, retried.status]).toEqual([500, 200]);
    const statuses = server
      .received()
      .filter((email) => email.idempotencyKey === "notice-3")
      .map((email) => email.status);
    expect(statuses).toEqual([500, 200]);
  });

  it("accepts an email and then loses the answer when told to: a retry with the key gets its id and no second email", async () => {
    server.failNext("answer-lost");
    const headers = { "idempotency-key": "lost-answer-1" };
    await expect(post({ ...valid, subject: "lost" }, headers)).rejects.toThrow();
    const accepted = server.received().filter((email) => email.idempotencyKey === "lost-answer-1");
    expect(accepted.map((email) => email.status)).toEqual([200]);

    const retry = await post({ ...valid, subject: "lost" }, headers);
    expect(await retry.json()).toEqual({ id: accepted[0]?.id });
    expect(server.received().filter((email) => email.idempotencyKey === "lost-answer-1")).toEqual([
      expect.objectContaining({ replays: 1 }),
    ]);
  });

  it("answers a key longer than 256 characters with 400 invalid_idempotency_key", async () => {
    const response = await post(valid, { "idempotency-key": "k".repeat(257) });

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ name: "invalid_idempotency_key" });
  });

  it("still sends every request without a key", async () => {
    const first = (await (await post(valid)).json()) as { id: string };
    const second = (await (await post(valid)).json()) as { id: string };

    expect(first.id).not.toBe(second.id);
  });

  it("waits for an email that has not arrived yet", async () => {
    const waiting = server.waitFor((email) => email.body.subject === "later", 2_000);
    await post({ ...valid, subject: "later" });
    expect((await waiting).status).toBe(200);
  });

  it("gives up waiting after the timeout", async () => {
    await expect(server.waitFor(() => false, 50)).rejects.toThrow(/no matching email within 50 ms/);
  });

  it("answers other paths with Resend's 404", async () => {
    const response = await fetch(`${server.url}/domains`, {
      headers: { authorization: `Bearer ${apiKey}` },
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ name: "not_found" });
  });
});
