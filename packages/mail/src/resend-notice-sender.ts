import {
  type Notice,
  NoticeRejected,
  type NoticeSender,
  type SendOptions,
} from "@latch/auth/ports";
import { Resend } from "resend";
import { assertBranding, type Branding } from "./branding";
import { type EmailMessage, MailDeliveryError } from "./email-message";
import { renderOrReject } from "./render/render-or-reject";

/** The one SDK call the sender makes; a real `Resend` fits, and so does a test double. */
export type ResendClient = { emails: Pick<Resend["emails"], "send"> };

export interface ResendNoticeSenderOptions {
  apiKey: string;
  /** "Name <address@verified-domain>" */
  from: string;
  branding: Branding;
  /**
   * Where the API lives. Without it the SDK uses the RESEND_BASE_URL
   * environment variable, which it reads in the `Resend` constructor (not at
   * import), falling back to https://api.resend.com; an explicit value wins.
   */
  baseUrl?: string;
  /** A ready client; `baseUrl` is then ignored. `apiKey` is still needed to keep it out of errors. */
  resend?: ResendClient;
}

type SendResult = Awaited<ReturnType<ResendClient["emails"]["send"]>>;

const maxMessageLength = 400;

/**
 * Resend answers 400 and 422 when the request itself is wrong (an address it
 * will not take, a missing field, an idempotency key it cannot use): sending
 * the same request again gets the same answer. Everything else may go
 * through later: 429 and 5xx, 401/403 while a key is being rotated, 409 (a
 * twin request still in flight, or this key once sent with another body,
 * which Resend forgets after 24 hours), no answer at all.
 */
const refusedForGood = new Set([400, 422]);

export function createResendNoticeSender({
  apiKey,
  from,
  branding,
  baseUrl,
  resend,
}: ResendNoticeSenderOptions): NoticeSender {
  // An empty key would make the SDK silently fall back to RESEND_API_KEY from the environment.
  if (!apiKey) throw new TypeError("createResendNoticeSender needs a non-empty apiKey");
  assertBranding(branding);
  const client: ResendClient = resend ?? new Resend(apiKey, baseUrl ? { baseUrl } : undefined);
  // Redact before truncating, or a cut could leave part of the key behind.
  const describeFailure = (kind: string, detail: string) =>
    truncate(redact(`Resend did not accept the "${kind}" notice: ${detail}`, apiKey));

  return {
    async send(notice: Notice, { idempotencyKey }: SendOptions) {
      const message = await renderOrReject(notice, branding);
      let result: SendResult;
      try {
        result = await client.emails.send(payload(message, from), { idempotencyKey });
      } catch (thrown) {
        // The SDK turns network failures into `error` itself; this is for anything that still throws.
        throw new MailDeliveryError(
          describeFailure(notice.kind, `request failed: ${describe(thrown)}`),
        );
      }
      if (result.error) {
        const detail = describeFailure(notice.kind, describe(result.error));
        const status = statusOf(result.error);
        if (status !== null && refusedForGood.has(status)) throw new NoticeRejected(detail);
        throw new MailDeliveryError(detail);
      }
      // A non-2xx answer whose body is JSON `null` comes back as neither data nor error.
      if (!result.data?.id) {
        throw new MailDeliveryError(describeFailure(notice.kind, "the answer carried no email id"));
      }
    },
  };
}

function payload(message: EmailMessage, from: string) {
  return {
    from,
    to: message.to,
    subject: message.subject,
    html: message.html,
    text: message.text,
    tags: [{ name: "kind", value: tagValue(message.kind) }],
  };
}

/** Resend rejects the whole email when a tag holds anything but ASCII letters, digits, _ and -. */
export function tagValue(kind: string): string {
  return kind.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 256) || "unknown";
}

/** The SDK puts the provider's own `statusCode` here, or the HTTP status when the body was not JSON. */
function statusOf(error: unknown): number | null {
  if (!error || typeof error !== "object") return null;
  const { statusCode } = error as Record<string, unknown>;
  return typeof statusCode === "number" ? statusCode : null;
}

/**
 * The SDK passes the provider's JSON error body through untyped, so every
 * field is checked before use; a proxy or a fake can answer with anything.
 */
function describe(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  if (typeof error === "string") return error;
  if (error && typeof error === "object") {
    const { statusCode, name, message } = error as Record<string, unknown>;
    const status = typeof statusCode === "number" ? `${statusCode} ` : "";
    const code = typeof name === "string" ? name : "error";
    const text = typeof message === "string" ? message : JSON.stringify(error);
    return `${status}${code}: ${text}`;
  }
  return String(error);
}

function truncate(text: string): string {
  return text.length > maxMessageLength ? `${text.slice(0, maxMessageLength)}…` : text;
}

/** Error messages end up in logs and error trackers; a provider echoing the key must not put it there. */
function redact(text: string, secret: string): string {
  return text.replaceAll(secret, "[redacted]");
}
