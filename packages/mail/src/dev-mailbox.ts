import type { Notice, NoticeSender, SendOptions } from "@latch/auth/ports";
import { assertBranding, type Branding } from "./branding";
import type { EmailMessage } from "./email-message";
import { renderOrReject } from "./render/render-or-reject";

export interface DevMailboxMessage extends Readonly<EmailMessage> {
  readonly id: string;
  readonly receivedAt: Date;
  /** http(s) links found in the text part, in order, without duplicates. */
  readonly links: readonly string[];
  /** The one-time code a login email prints beside its link, else null. */
  readonly code: string | null;
  /** The key it was sent with; a later send with the same key is not stored again. */
  readonly idempotencyKey: string;
}

/** The development sender: nothing leaves the process; notices are rendered, printed and kept. */
export interface DevMailbox extends NoticeSender {
  /** Newest first. */
  list(): DevMailboxMessage[];
  find(id: string): DevMailboxMessage | undefined;
  /** The newest message to `address`, compared case-insensitively. */
  latestTo(address: string): DevMailboxMessage | undefined;
}

export interface DevMailboxOptions {
  /** Defaults to plain Latch branding: no logo, no support address. */
  branding?: Branding;
  log?: (line: string) => void;
  now?: () => Date;
  /** How many messages to keep; older ones are dropped so a long-running dev server stays small. */
  capacity?: number;
}

const latchBranding: Branding = {
  appName: "Latch",
  supportEmail: null,
  logoUrl: null,
  accentColor: "#2563eb",
};

/** Idempotency keys remembered, beyond the messages kept, so a late retry is still seen as one. */
const keysRemembered = 10_000;

export function createDevMailbox({
  branding = latchBranding,
  log = console.log,
  now = () => new Date(),
  capacity = 200,
}: DevMailboxOptions = {}): DevMailbox {
  if (!Number.isInteger(capacity) || capacity < 1) {
    throw new RangeError("dev mailbox capacity must be a positive integer");
  }
  assertBranding(branding);
  // Oldest first: eviction drops from the front and the newest is at the end.
  const messages: DevMailboxMessage[] = [];
  // Insertion-ordered, so the oldest key is the first to forget.
  const seenKeys = new Set<string>();
  let sequence = 0;

  return {
    async send(notice: Notice, { idempotencyKey }: SendOptions) {
      if (seenKeys.has(idempotencyKey)) return;
      // Claimed before rendering, so two overlapping sends of one notice store it once.
      seenKeys.add(idempotencyKey);
      let message: EmailMessage;
      try {
        message = await renderOrReject(notice, branding);
      } catch (error) {
        seenKeys.delete(idempotencyKey);
        throw error;
      }
      if (seenKeys.size > keysRemembered) seenKeys.delete(seenKeys.values().next().value ?? "");
      sequence += 1;
      const stored: DevMailboxMessage = Object.freeze({
        to: message.to,
        subject: message.subject,
        html: message.html,
        text: message.text,
        kind: message.kind,
        id: String(sequence),
        receivedAt: now(),
        links: Object.freeze(extractLinks(message.text)),
        code: notice.kind === "passwordless_login" ? notice.code : null,
        idempotencyKey,
      });
      messages.push(stored);
      if (messages.length > capacity) messages.splice(0, messages.length - capacity);
      log(formatLogLine(stored));
    },
    list: () => messages.toReversed(),
    find: (id) => messages.find((message) => message.id === id),
    latestTo(address) {
      const wanted = address.trim().toLowerCase();
      return messages.findLast((message) => message.to.trim().toLowerCase() === wanted);
    },
  };
}

export function extractLinks(text: string): string[] {
  const found = text.match(/https?:\/\/[^\s<>"'()[\]]+/gi) ?? [];
  // A sentence ending right after a link must not take its full stop along.
  const links = found.map((link) => link.replace(/[.,;:!?]+$/, ""));
  return [...new Set(links)];
}

/**
 * One line per email, e.g. `[dev-mailbox] to=a@b.c subject="..." link: http://...`
 * (and `code: 123456` for a login email, whose code is typed rather than followed),
 * so a developer (or a test reading the server output) can grep for it. The
 * address comes from user input: control characters are escaped so nobody can
 * forge extra mailbox lines through the sign-up form.
 */
function formatLogLine(message: DevMailboxMessage): string {
  const parts = [
    `[dev-mailbox] to=${oneLine(message.to)}`,
    `subject=${JSON.stringify(message.subject)}`,
  ];
  if (message.links.length === 0) parts.push("(no links)");
  for (const link of message.links) parts.push(`link: ${link}`);
  if (message.code) parts.push(`code: ${message.code}`);
  return parts.join(" ");
}

function oneLine(value: string): string {
  return JSON.stringify(value)
    .slice(1, -1)
    .replace(/\s/g, (char) => encodeURIComponent(char));
}
