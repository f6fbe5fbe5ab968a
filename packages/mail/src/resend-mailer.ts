import { Resend } from "resend";
import { type EmailMessage, MailDeliveryError, type Mailer } from "./mailer";

/** The one SDK call the mailer makes; a real `Resend` fits, and so does a test double. */
export type ResendClient = { emails: Pick<Resend["emails"], "send"> };

export interface ResendMailerOptions {
  apiKey: string;
  /** "Name <address@verified-domain>" */
  from: string;
  /**
   * Where the API lives. Without it the SDK uses the RESEND_BASE_URL
   * environment variable, which it reads in the `Resend` constructor (not at
   * import), falling back to https://api.resend.com; an explicit value wins.
   */
  baseUrl?: string;
  /** A ready client; `baseUrl` is then ignored. `apiKey` is still needed to keep it out of errors. */
  resend?: ResendClient;
}

const maxMessageLength = 400;

export function createResendMailer({ apiKey, from, baseUrl, resend }: ResendMailerOptions): Mailer {
  // An empty key would make the SDK silently fall back to RESEND_API_KEY from the environment.
  if (!apiKey) throw new TypeError("createResendMailer needs a non-empty apiKey");
  const client: ResendClient = resend ?? new Resend(apiKey, baseUrl ? { baseUrl } : undefined);
  // Redact before truncating, or a cut could leave part of the key behind.
  const fail = (kind: string, detail: string) =>
    new MailDeliveryError(
      truncate(redact(`Resend did not accept the "${kind}" email: ${detail}`, apiKey)),
    );

  return {
    async send(message: EmailMessage) {
      let result: Awaited<ReturnType<ResendClient["emails"]["send"]>>;
      try {
        result = await client.emails.send({
          from,
          to: message.to,
          subject: message.subject,
          html: message.html,
          text: message.text,
          tags: [{ name: "kind", value: tagValue(message.kind) }],
        });
      } catch (thrown) {
        // The SDK turns network failures into `error` itself; this is for anything that still throws.
        throw fail(message.kind, `request failed: ${describe(thrown)}`);
      }
      if (result.error) throw fail(message.kind, describe(result.error));
      // A non-2xx answer whose body is JSON `null` comes back as neither data nor error.
      if (!result.data?.id) throw fail(message.kind, "the answer carried no email id");
    },
  };
}

/** Resend rejects the whole email when a tag holds anything but ASCII letters, digits, _ and -. */
function tagValue(kind: string): string {
  return kind.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 256) || "unknown";
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
