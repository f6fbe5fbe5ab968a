import { describe, expect, it } from "vitest";
import { MailDeliveryError } from "./mailer";
import { createResendMailer, type ResendClient } from "./resend-mailer";

type Send = ResendClient["emails"]["send"];
const apiKey = "re_unit_test_key_0123456789";
const message = {
  to: "ann@example.com",
  subject: "Hello",
  html: "<p>hi</p>",
  text: "hi",
  kind: "activation",
};

function mailerWith(send: Send) {
  const calls: Parameters<Send>[0][] = [];
  const resend: ResendClient = {
    emails: {
      send: (payload, options) => {
        calls.push(payload);
        return send(payload, options);
      },
    },
  };
  return {
    mailer: createResendMailer({ apiKey, from: "Latch <no-reply@latch.test>", resend }),
    calls,
  };
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof Error)) throw new Error("expected a rejection with an Error");
  return error;
}

describe("the Resend mailer (with a stand-in client)", () => {
  it("sends from the configured address, tagged with the message kind", async () => {
    const { mailer, calls } = mailerWith(async () => ({
      data: { id: "e1" },
      error: null,
      headers: {},
    }));
    await mailer.send(message);
    expect(calls).toEqual([
      {
        from: "Latch <no-reply@latch.test>",
        to: "ann@example.com",
        subject: "Hello",
        html: "<p>hi</p>",
        text: "hi",
        tags: [{ name: "kind", value: "activation" }],
      },
    ]);
  });

  it("replaces characters Resend refuses in tag values instead of losing the email", async () => {
    const { mailer, calls } = mailerWith(async () => ({
      data: { id: "e1" },
      error: null,
      headers: {},
    }));
    await mailer.send({ ...message, kind: "password reset/v2" });
    expect(calls[0]?.tags).toEqual([{ name: "kind", value: "password_reset_v2" }]);
  });

  it("turns an error answer into a MailDeliveryError with its status and code", async () => {
    const { mailer } = mailerWith(async () => ({
      data: null,
      error: { statusCode: 422, name: "validation_error", message: "Invalid `to` field." },
      headers: {},
    }));
    const error = await rejection(mailer.send(message));
    expect(error).toBeInstanceOf(MailDeliveryError);
    expect(error.message).toBe(
      'Resend did not accept the "activation" email: 422 validation_error: Invalid `to` field.',
    );
  });

  it("turns a thrown error into a MailDeliveryError without the API key in it", async () => {
    const { mailer } = mailerWith(async () => {
      throw new Error(`socket hang up (Authorization: Bearer ${apiKey})`);
    });
    const error = await rejection(mailer.send(message));
    expect(error).toBeInstanceOf(MailDeliveryError);
    expect(error.message).toContain("socket hang up");
    expect(error.message).not.toContain(apiKey);
  });

  it("never leaves part of the API key behind when it shortens a long message", async () => {
    // The key straddles the 400-character cut: its first 8 characters fall before it.
    const { mailer } = mailerWith(async () => {
      throw new Error(`${"x".repeat(330)}${apiKey}${"y".repeat(100)}`);
    });
    const error = await rejection(mailer.send(message));
    expect(error.message).not.toContain(apiKey.slice(0, 8));
    expect(error.message.length).toBeLessThanOrEqual(401);
  });

  it("treats an answer with neither an id nor an error as a failure", async () => {
    const { mailer } = mailerWith(
      async () =>
        ({ data: null, error: null, headers: {} }) as unknown as Awaited<ReturnType<Send>>,
    );
    await expect(mailer.send(message)).rejects.toBeInstanceOf(MailDeliveryError);
  });

  it("refuses an empty API key, which the SDK would replace with RESEND_API_KEY", () => {
    expect(() => createResendMailer({ apiKey: "", from: "a@b.c" })).toThrow(TypeError);
  });
});
