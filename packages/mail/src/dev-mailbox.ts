import type { EmailMessage, Mailer } from "./mailer";

export interface DevMailboxMessage extends Readonly<EmailMessage> {
  readonly id: string;
  readonly receivedAt: Date;
  /** http(s) links found in the text part, in order, without duplicates. */
  readonly links: readonly string[];
}

/** The development mailer: nothing leaves the process; messages are printed and kept to read back. */
export interface DevMailbox extends Mailer {
  /** Newest first. */
  list(): DevMailboxMessage[];
  find(id: string): DevMailboxMessage | undefined;
  /** The newest message to `address`, compared case-insensitively. */
  latestTo(address: string): DevMailboxMessage | undefined;
}

export interface DevMailboxOptions {
  log?: (line: string) => void;
  now?: () => Date;
  /** How many messages to keep; older ones are dropped so a long-running dev server stays small. */
  capacity?: number;
}

export function createDevMailbox({
  log = console.log,
  now = () => new Date(),
  capacity = 200,
}: DevMailboxOptions = {}): DevMailbox {
  if (!Number.isInteger(capacity) || capacity < 1) {
    throw new RangeError("dev mailbox capacity must be a positive integer");
  }
  // Oldest first: eviction drops from the front and the newest is at the end.
  const messages: DevMailboxMessage[] = [];
  let sequence = 0;

  return {
    async send(message) {
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
 * One line per email, e.g. `[dev-mailbox] to=a@b.c subject="..." link: http://...`,
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
  return parts.join(" ");
}

function oneLine(value: string): string {
  return JSON.stringify(value)
    .slice(1, -1)
    .replace(/\s/g, (char) => encodeURIComponent(char));
}
