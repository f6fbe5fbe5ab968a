import { NoticeRejected } from "@latch/auth/ports";
import { describe, expect, it } from "vitest";
import { MailDeliveryError } from "./email-message";
import { renderNotice } from "./render/render-notice";
import { plainBranding, sampleNotices } from "./render/sample-notices";
import { createResendNoticeSender, type ResendClient, tagValue } from "./resend-notice-sender";

type Send = ResendClient["emails"]["send"];
type Answer = Awaited<ReturnType<Send>>;
const apiKey = "re_unit_test_key_0123456789";
const from = "Latch <no-reply@latch.test>";
const notice = sampleNotices.activation;
const accepted: Answer = { data: { id: "e1" }, error: null, headers: {} };

function senderWith(send: Send) {
  const calls: Parameters<Send>[] = [];
  const resend: ResendClient = {
    emails: {
      send: (...args) => {
        calls.push(args);
        return send(...args);
      },
    },
  };
  return {
    sender: createResendNoticeSender({ apiKey, from, branding: plainBranding, resend }),
    calls,
  };
}

function answering(error: { statusCode: number | null; name: string; message: string }) {
  return senderWith(async () => ({ data: null, error, headers: {} }) as unknown as Answer);
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof Error)) throw new Error("expected a rejection with an Error");
  return error;
}

describe("the Resend notice sender (with a stand-in client)", () => {
  it("sends the rendered notice from the configured address, tagged with its kind, under its key", async () => {
    const { sender, calls } = senderWith(async () => accepted);
    await sender.send(notice, { idempotencyKey: "outbox-42" });

    const { to, subject, html, text } = await renderNotice(notice, plainBranding);
    expect(calls).toEqual([
      [
        { from, to, subject, html, text, tags: [{ name: "kind", value: "activation" }] },
        { idempotencyKey: "outbox-42" },
      ],
    ]);
  });

  it("replaces characters Resend refuses in tag values instead of losing the email", () => {
    expect(tagValue("password reset/v2")).toBe("password_reset_v2");
    expect(tagValue("session_ended_after_reuse")).toBe("session_ended_after_reuse");
    expect(tagValue("")).toBe("unknown");
  });

  it.each([400, 422])("rejects the notice for good when Resend answers %i", async (statusCode) => {
    const { sender } = answering({
      statusCode,
      name: "validation_error",
      message: "Invalid `to` field.",
    });
    const error = await rejection(sender.send(notice, { idempotencyKey: "k" }));

    expect(error).toBeInstanceOf(NoticeRejected);
    expect(error.message).toBe(
      `Resend did not accept the "activation" notice: ${statusCode} validation_error: Invalid \`to\` field.`,
    );
  });

  it.each([
    [401, "missing_api_key"],
    [403, "invalid_api_key"],
    [409, "concurrent_idempotent_requests"],
    [429, "rate_limit_exceeded"],
    [500, "internal_server_error"],
    [null, "application_error"],
  ])("leaves the notice to be retried when Resend answers %s", async (statusCode, name) => {
    const { sender } = answering({ statusCode, name, message: "try later" });
    const error = await rejection(sender.send(notice, { idempotencyKey: "k" }));

    expect(error).toBeInstanceOf(MailDeliveryError);
    expect(error).not.toBeInstanceOf(NoticeRejected);
  });

  it("turns a thrown error into a MailDeliveryError without the API key in it", async () => {
    const { sender } = senderWith(async () => {
      throw new Error(`socket hang up (Authorization: Bearer ${apiKey})`);
    });
    const error = await rejection(sender.send(notice, { idempotencyKey: "k" }));

    expect(error).toBeInstanceOf(MailDeliveryError);
    expect(error.message).toContain("socket hang up");
    expect(error.message).not.toContain(apiKey);
  });

  it("keeps the API key out of a rejection too", async () => {
    const { sender } = answering({ statusCode: 422, name: "validation_error", message: apiKey });
    const error = await rejection(sender.send(notice, { idempotencyKey: "k" }));

    expect(error).toBeInstanceOf(NoticeRejected);
    expect(error.message).not.toContain(apiKey);
  });

  it("never leaves part of the API key behind when it shortens a long message", async () => {
    // The key straddles the 400-character cut: its first 8 characters fall before it.
    const { sender } = senderWith(async () => {
      throw new Error(`${"x".repeat(330)}${apiKey}${"y".repeat(100)}`);
    });
    const error = await rejection(sender.send(notice, { idempotencyKey: "k" }));

    expect(error.message).not.toContain(apiKey.slice(0, 8));
    expect(error.message.length).toBeLessThanOrEqual(401);
  });

  it("treats an answer with neither an id nor an error as a failure to retry", async () => {
    const { sender } = senderWith(async () => ({ data: null, error: null, headers: {} }) as never);
    await expect(sender.send(notice, { idempotencyKey: "k" })).rejects.toBeInstanceOf(
      MailDeliveryError,
    );
  });

  it("rejects for good, without calling Resend, a notice it cannot render", async () => {
    const { sender, calls } = senderWith(async () => accepted);
    const broken = { ...notice, link: "javascript:alert(1)" };
    const error = await rejection(sender.send(broken, { idempotencyKey: "k" }));

    expect(error).toBeInstanceOf(NoticeRejected);
    expect(error.message).toContain("could not be rendered");
    expect(calls).toEqual([]);
  });

  it("refuses an empty API key, which the SDK would replace with RESEND_API_KEY", () => {
    expect(() => createResendNoticeSender({ apiKey: "", from, branding: plainBranding })).toThrow(
      TypeError,
    );
  });

  it("refuses branding it could not render safely, when it is created", () => {
    const branding = { ...plainBranding, logoUrl: "javascript:alert(1)" };
    expect(() => createResendNoticeSender({ apiKey, from, branding })).toThrow(TypeError);
  });
});
