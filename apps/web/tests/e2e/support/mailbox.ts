import type { RunningApp } from "../../http/support/app";

export interface PrintedEmail {
  to: string;
  subject: string;
  links: string[];
}

/** The development mailbox prints one line per email: `[dev-mailbox] to=... subject="..." link: ...`. */
export function printedEmails(app: RunningApp, to: string): PrintedEmail[] {
  const emails: PrintedEmail[] = [];
  for (const line of app.output().split("\n")) {
    const match = line.match(/\[dev-mailbox\] to=(\S+) subject=("(?:[^"\\]|\\.)*")(.*)$/);
    if (!match || match[1] !== to) continue;
    const links = [...(match[3] ?? "").matchAll(/link: (\S+)/g)].map((link) => link[1] ?? "");
    emails.push({ to, subject: JSON.parse(match[2] ?? '""') as string, links });
  }
  return emails;
}

/** Waits until `to` has received `count` emails and returns the newest one's activation link. */
export async function waitForActivationLink(
  app: RunningApp,
  to: string,
  count: number,
  timeoutMs = 15_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const emails = printedEmails(app, to);
    if (emails.length >= count) {
      const newest = emails[emails.length - 1];
      const link = newest?.links.find((candidate) =>
        /\/activate\/[A-Za-z0-9_-]{32}$/.test(candidate),
      );
      if (!link)
        throw new Error(
          `the newest email to ${to} has no activation link: ${JSON.stringify(newest)}`,
        );
      return link;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `expected ${count} email(s) to ${to}, saw ${emails.length}; server output:\n${app.output()}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export function uniqueEmail(label: string): string {
  return `e2e-${label}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
}
