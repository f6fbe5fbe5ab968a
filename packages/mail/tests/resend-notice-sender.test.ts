import { type Notice, NoticeRejected, type NoticeSender } from "@latch/auth/ports";
import { Resend } from "resend";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createResendNoticeSender, MailDeliveryError, renderNotice } from "../src/index";
import { plainBranding, sampleNotices } from "../src/render/sample-notices";
import { type RecordingResendServer, startRecordingResendServer } from "../src/testing/index";

const apiKey = "re_test_4f9c2a7d1e8b6035";
const from = "Latch <no-reply@latch.test>";
const branding = plainBranding;

let server: RecordingResendServer;
let keys = 0;

beforeAll(async () => {
  server = await startRecordingResendServer({ apiKey });
});
afterAll(async () => {
  await server.close();
});
afterEach(() => {
  vi.unstubAllEnvs();
});

/** Points the real SDK at the recording server the way production would point it elsewhere. */
function senderViaEnvironment(key = apiKey): NoticeSender {
  vi.stubEnv("RESEND_BASE_URL", server.url);
  return createResendNoticeSender({ apiKey: key, from, branding });
}

function activationTo(to: string): Notice {
  return { ...sampleNotices.activation, to };
}

function send(sender: NoticeSender, notice: Notice, idempotencyKey = `outbox-${++keys}`) {
  return sender.send(notice, { idempotencyKey });
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof Error))
    throw new Error(`expected a rejection with an Error, got ${error}`);
  return error;
}

describe("the Resend notice sender against a recording Resend server", () => {
  it("renders the notice and sends it through the real SDK with its idempotency key", async () => {
    const notice = activationTo("ann@example.com");
    await send(senderViaEnvironment(), notice, "outbox-ann-1");

    const received = await server.waitFor((email) => email.body.to === "ann@example.com", 2_000);
    const rendered = await renderNotice(notice, branding);
    expect(received).toMatchObject({ status: 200, idempotencyKey: "outbox-ann-1" });
    expect(received.headers["idempotency-key"]).toBe("outbox-ann-1");
    expect(received.body).toMatchObject({
      from,
      to: "ann@example.com",
      subject: "Activate your Latch account",
      html: rendered.html,
      text: rendered.text,
      tags: [{ name: "kind", value: "activation" }],
    });
    expect(received.headers.authorization).toBe(`Bearer ${apiKey}`);
    expect(received.headers["user-agent"]).toMatch(/^resend-node:/);
  });

  it("sends a notice retried with the same key once", async () => {
    const sender = senderViaEnvironment();
    const notice = activationTo("retried@example.com");
    await send(sender, notice, "outbox-retried");
    await send(sender, notice, "outbox-retried");

    const recorded = server.received().filter((email) => email.idempotencyKey === "outbox-retried");
    expect(recorded).toMatchObject([{ status: 200, replays: 1 }]);
  });

  it("reads RESEND_BASE_URL when the sender is created, not when each notice is sent", async () => {
    const sender = senderViaEnvironment();
    vi.stubEnv("RESEND_BASE_URL", "http://127.0.0.1:9");
    await send(sender, activationTo("construction@example.com"));

    expect(server.received().some((email) => email.body.to === "construction@example.com")).toBe(
      true,
    );
  });

  it("uses an explicit baseUrl or a ready client in place of the environment", async () => {
    vi.stubEnv("RESEND_BASE_URL", "http://127.0.0.1:9");
    const viaOption = createResendNoticeSender({ apiKey, from, branding, baseUrl: server.url });
    const viaClient = createResendNoticeSender({
      apiKey,
      from,
      branding,
      resend: new Resend(apiKey, { baseUrl: server.url }),
    });
    await send(viaOption, activationTo("option@example.com"));
    await send(viaClient, activationTo("client@example.com"));

    const recipients = server.received().map((email) => email.body.to);
    expect(recipients).toEqual(
      expect.arrayContaining(["option@example.com", "client@example.com"]),
    );
  });
});

describe("failures the outbox retries (MailDeliveryError)", () => {
  it.each([
    [500, "500 internal_server_error"],
    [429, "429 rate_limit_exceeded"],
    [503, "503 internal_server_error"],
  ])("a %i from the server", async (status, expected) => {
    server.failNext({ status });
    const error = await failure(send(senderViaEnvironment(), activationTo(`s${status}@ex.com`)));

    expect(error).toBeInstanceOf(MailDeliveryError);
    expect(error.message).toContain(expected);
    expect(error.message).not.toContain(apiKey);
  });

  it("a wrong API key (403), without either key in the message", async () => {
    const wrongKey = "re_wrong_key_that_must_not_leak";
    const error = await failure(send(senderViaEnvironment(wrongKey), activationTo("k@ex.com")));

    expect(error).toBeInstanceOf(MailDeliveryError);
    expect(error.message).toContain("403 invalid_api_key");
    expect(error.message).not.toContain(wrongKey);
    expect(error.message).not.toContain(apiKey);
  });

  it("the same key sent again with another body (409)", async () => {
    const sender = senderViaEnvironment();
    await send(sender, activationTo("first@example.com"), "outbox-reused");
    const error = await failure(send(sender, activationTo("second@example.com"), "outbox-reused"));

    expect(error).toBeInstanceOf(MailDeliveryError);
    expect(error.message).toContain("409 invalid_idempotent_request");
  });

  it("a server that echoes the API key back, with the key redacted", async () => {
    server.failNext({ status: 500, message: `upstream refused key ${apiKey}` });
    const error = await failure(send(senderViaEnvironment(), activationTo("echo@example.com")));

    expect(error).toBeInstanceOf(MailDeliveryError);
    expect(error.message).toContain("upstream refused key [redacted]");
    expect(error.message).not.toContain(apiKey);
  });

  it("a non-JSON error page, such as a proxy's 502", async () => {
    server.failNext({ status: 502, rawBody: "<html><body>Bad Gateway</body></html>" });
    const error = await failure(send(senderViaEnvironment(), activationTo("proxy@example.com")));

    expect(error).toBeInstanceOf(MailDeliveryError);
    expect(error.message).toContain("502 application_error");
  });

  it("a dropped connection", async () => {
    server.failNext("network");
    const error = await failure(send(senderViaEnvironment(), activationTo("dropped@example.com")));

    expect(error).toBeInstanceOf(MailDeliveryError);
    expect(error.message).toContain("Unable to fetch data");
  });

  it("an unreachable API", async () => {
    const unreachable = createResendNoticeSender({
      apiKey,
      from,
      branding,
      baseUrl: "http://127.0.0.1:9",
    });
    const error = await failure(send(unreachable, activationTo("unreachable@example.com")));

    expect(error).toBeInstanceOf(MailDeliveryError);
    expect(error.message).toContain("Unable to fetch data");
    expect(error.message).not.toContain(apiKey);
  });
});

describe("failures no retry can fix (NoticeRejected)", () => {
  it("a 422 for an address the provider refuses", async () => {
    server.failNext({
      status: 422,
      name: "validation_error",
      message:
        "Invalid `to` field. The email address needs to follow the `email@example.com` format.",
    });
    const error = await failure(send(senderViaEnvironment(), activationTo("not-an-address")));

    expect(error).toBeInstanceOf(NoticeRejected);
    expect(error.message).toContain("422 validation_error: Invalid `to` field.");
    expect(error.message).not.toContain(apiKey);
  });

  it("a 422 the server answers by itself for a missing recipient", async () => {
    const error = await failure(send(senderViaEnvironment(), activationTo("")));

    expect(error).toBeInstanceOf(NoticeRejected);
    expect(error.message).toContain("422 missing_required_field");
    expect(server.received().at(-1)?.status).toBe(422);
  });

  it("a 400 for an idempotency key the provider cannot use", async () => {
    const error = await failure(
      send(senderViaEnvironment(), activationTo("long-key@example.com"), "k".repeat(300)),
    );

    expect(error).toBeInstanceOf(NoticeRejected);
    expect(error.message).toContain("400 invalid_idempotency_key");
  });
});
