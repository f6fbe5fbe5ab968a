import type { RunningApp } from "../../http/support/app";

export interface PrintedEmail {
  to: string;
  subject: string;
  links: string[];
  /** A login email's 6-digit code (`code: 123456` on its line), else null. */
  code: string | null;
}

/**
 * The development mailbox prints one line per email:
 * `[dev-mailbox] to=... subject="..." link: ...` (and `code: ...` for a login email).
 */
export function printedEmails(app: RunningApp, to: string): PrintedEmail[] {
  const emails: PrintedEmail[] = [];
  for (const line of app.output().split("\n")) {
    const match = line.match(/\[dev-mailbox\] to=(\S+) subject=("(?:[^"\\]|\\.)*")(.*)$/);
    if (!match || match[1] !== to) continue;
    const links = [...(match[3] ?? "").matchAll(/link: (\S+)/g)].map((link) => link[1] ?? "");
    const code = (match[3] ?? "").match(/code: (\d{6})/)?.[1] ?? null;
    emails.push({ to, subject: JSON.parse(match[2] ?? '""') as string, links, code });
  }
  return emails;
}

/** The links of Latch's emails, by kind: each ends in a 32-character key. */
export const LINKS = {
  activation: /\/activate\/[A-Za-z0-9_-]{32}$/,
  passwordReset: /\/reset-password\/[A-Za-z0-9_-]{32}$/,
  emailChange: /\/confirm-email\/[A-Za-z0-9_-]{32}$/,
  loginByEmail: /\/login\/email\/[A-Za-z0-9_-]{32}$/,
} as const;

/**
 * Waits until `to` has received `count` emails with a link matching `pattern`
 * and returns the newest such link. Other emails (notices) are not counted.
 */
export async function waitForLink(
  app: RunningApp,
  to: string,
  pattern: RegExp,
  count = 1,
  timeoutMs = 15_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const links = printedEmails(app, to).flatMap((email) =>
      email.links.filter((link) => pattern.test(link)),
    );
    const newest = links[links.length - 1];
    if (links.length >= count && newest) return newest;
    if (Date.now() > deadline) {
      throw new Error(
        `expected ${count} email(s) to ${to} with a link like ${pattern}, saw ${links.length}; ` +
          `server output:\n${app.output()}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Waits until `to` has received a login email and returns its link and code (the newest's). */
export async function waitForLoginEmail(
  app: RunningApp,
  to: string,
  timeoutMs = 15_000,
): Promise<{ link: string; code: string }> {
  const link = await waitForLink(app, to, LINKS.loginByEmail, 1, timeoutMs);
  const email = printedEmails(app, to).findLast((printed) => printed.links.includes(link));
  if (!email?.code) throw new Error(`the login email to ${to} printed no code: ${app.output()}`);
  return { link, code: email.code };
}

/** Waits until `to` has received `count` activation emails and returns the newest one's link. */
export function waitForActivationLink(
  app: RunningApp,
  to: string,
  count: number,
  timeoutMs = 15_000,
): Promise<string> {
  return waitForLink(app, to, LINKS.activation, count, timeoutMs);
}

export function uniqueEmail(label: string): string {
  return `e2e-${label}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
}
