import { Resend } from "resend";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { activationEmail, createResendMailer, MailDeliveryError, type Mailer } from "../src/index";
import { type RecordingResendServer, startRecordingResendServer } from "../src/testing/index";

const apiKey = "re_test_4f9c2a7d1e8b6035";
const from = "Latch <no-reply@latch.test>";
const link = "https://latch.test/activate/AbCdEfGhIjKlMnOpQrStUvWxYz012345";

let server: RecordingResendServer;

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
function mailerViaEnvironment(key = apiKey): Mailer {
  vi.stubEnv("RESEND_BASE_URL", server.url);
  return createResendMailer({ apiKey: key, from });
}

async function deliveryError(mailer: Mailer, to: string): Promise<MailDeliveryError> {
  const error = await mailer.send(activationEmail({ to, link, expiresInMinutes: 15 })).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof MailDeliveryError))
    throw new Error(`expected a MailDeliveryError, got ${error}`);
  return error;
}

describe("the Resend mailer against a recording Resend server", () => {
  it("sends from, to, subject, both parts and the kind tag through the real SDK", async () => {
    const message = activationEmail({ to: "ann@example.com", link, expiresInMinutes: 15 });
    await mailerViaEnvironment().send(message);

    const received = await server.waitFor((email) => email.body.to === "ann@example.com", 2_000);
    expect(received.status).toBe(200);
    expect(received.body).toMatchObject({
      from,
      to: "ann@example.com",
      subject: "Activate your Latch account",
      html: message.html,
      text: message.text,
      tags: [{ name: "kind", value: "activation" }],
    });
    expect(received.headers.authorization).toBe(`Bearer ${apiKey}`);
    expect(received.headers["user-agent"]).toMatch(/^resend-node:/);
  });

  it("reads RESEND_BASE_URL when the mailer is created, not when each email is sent", async () => {
    const mailer = mailerViaEnvironment();
    vi.stubEnv("RESEND_BASE_URL", "http://127.0.0.1:9");
    await mailer.send(
      activationEmail({ to: "construction@example.com", link, expiresInMinutes: 15 }),
    );

    expect(server.received().some((email) => email.body.to === "construction@example.com")).toBe(
      true,
    );
  });

  it("uses an explicit baseUrl or a ready client in place of the environment", async () => {
    vi.stubEnv("RESEND_BASE_URL", "http://127.0.0.1:9");
    const viaOption = createResendMailer({ apiKey, from, baseUrl: server.url });
    const viaClient = createResendMailer({
      apiKey,
      from,
      resend: new Resend(apiKey, { baseUrl: server.url }),
    });
    await viaOption.send(activationEmail({ to: "option@example.com", link, expiresInMinutes: 15 }));
    await viaClient.send(activationEmail({ to: "client@example.com", link, expiresInMinutes: 15 }));

    const recipients = server.received().map((email) => email.body.to);
    expect(recipients).toEqual(
      expect.arrayContaining(["option@example.com", "client@example.com"]),
    );
  });

  it("turns a wrong API key into a MailDeliveryError that does not contain either key", async () => {
    const wrongKey = "re_wrong_key_that_must_not_leak";
    const error = await deliveryError(mailerViaEnvironment(wrongKey), "wrong-key@example.com");

    expect(error.message).toContain("403 invalid_api_key");
    expect(error.message).not.toContain(wrongKey);
    expect(error.message).not.toContain(apiKey);
    expect(server.received().at(-1)?.status).toBe(403);
  });

  it.each([
    [500, "500 internal_server_error"],
    [429, "429 rate_limit_exceeded"],
  ])("turns a %i from the server into a MailDeliveryError", async (status, expected) => {
    server.failNext({ status });
    const error = await deliveryError(mailerViaEnvironment(), `status-${status}@example.com`);

    expect(error.message).toContain(expected);
    expect(error.message).not.toContain(apiKey);
  });

  it("keeps the API key out of the error even when the server echoes it back", async () => {
    server.failNext({ status: 500, message: `upstream refused key ${apiKey}` });
    const error = await deliveryError(mailerViaEnvironment(), "echo@example.com");

    expect(error.message).toContain("upstream refused key [redacted]");
    expect(error.message).not.toContain(apiKey);
  });

  it("turns a non-JSON error page, such as a proxy's 502, into a MailDeliveryError", async () => {
    server.failNext({ status: 502, rawBody: "<html><body>Bad Gateway</body></html>" });
    const error = await deliveryError(mailerViaEnvironment(), "proxy@example.com");

    expect(error.message).toContain("502 application_error");
  });

  it("turns a dropped connection into a MailDeliveryError", async () => {
    server.failNext("network");
    const error = await deliveryError(mailerViaEnvironment(), "dropped@example.com");

    expect(error.message).toContain("Unable to fetch data");
  });

  it("turns an unreachable API into a MailDeliveryError", async () => {
    const unreachable = createResendMailer({ apiKey, from, baseUrl: "http://127.0.0.1:9" });
    const error = await deliveryError(unreachable, "unreachable@example.com");

    expect(error.message).toContain("Unable to fetch data");
    expect(error.message).not.toContain(apiKey);
  });
});
