// Every .tsx here asks for the automatic JSX runtime itself: a consumer's tsconfig, or tsx
// run from another package, may say nothing of JSX and would fall back to React.createElement.
/** @jsxRuntime automatic */
import type { Notice, NoticeKind } from "@latch/auth/ports";
import { translatorFor } from "@latch/i18n";
import { defaultLocale, isLocale } from "@latch/i18n/locales";
import { render } from "@react-email/render";
import { assertBranding, type Branding } from "../branding";
import type { EmailMessage } from "../email-message";
import type { NoticeOf, NoticeTemplate } from "./notice-template";
import { accountDeleted } from "./notices/account-deleted";
import { accountExists } from "./notices/account-exists";
import { activation } from "./notices/activation";
import { emailChangeConfirmation } from "./notices/email-change-confirmation";
import { emailChangeNotice } from "./notices/email-change-notice";
import { passwordChanged } from "./notices/password-changed";
import { passwordReset } from "./notices/password-reset";
import { passwordlessLogin } from "./notices/passwordless-login";
import { secondFactorChanged } from "./notices/second-factor-changed";
import { sessionEndedAfterReuse } from "./notices/session-ended-after-reuse";

// html-to-text shouts headings by default; the text part should read like the HTML one.
const plainText = {
  plainText: true,
  htmlToTextOptions: {
    selectors: [
      { selector: "h1", options: { uppercase: false } },
      { selector: "h2", options: { uppercase: false } },
    ],
  },
} as const;

/**
 * One notice, both parts, subject included, in the notice's language (English
 * when it names none Latch has a catalogue for). The switch is exhaustive: a
 * kind added to Notice fails type-checking here until it has an email. Throws
 * a TypeError for bad branding or a link that is not an http(s) URL: no retry
 * can fix those.
 */
export async function renderNotice(notice: Notice, branding: Branding): Promise<EmailMessage> {
  assertBranding(branding);
  switch (notice.kind) {
    case "activation":
      return renderWith(activation, notice, branding);
    case "account_exists":
      return renderWith(accountExists, notice, branding);
    case "password_reset":
      return renderWith(passwordReset, notice, branding);
    case "password_changed":
      return renderWith(passwordChanged, notice, branding);
    case "passwordless_login":
      return renderWith(passwordlessLogin, notice, branding);
    case "email_change_confirmation":
      return renderWith(emailChangeConfirmation, notice, branding);
    case "email_change_notice":
      return renderWith(emailChangeNotice, notice, branding);
    case "account_deleted":
      return renderWith(accountDeleted, notice, branding);
    case "session_ended_after_reuse":
      return renderWith(sessionEndedAfterReuse, notice, branding);
    case "second_factor_changed":
      return renderWith(secondFactorChanged, notice, branding);
    default:
      return unrendered(notice);
  }
}

async function renderWith<K extends NoticeKind>(
  template: NoticeTemplate<K>,
  notice: NoticeOf<K>,
  branding: Branding,
): Promise<EmailMessage> {
  const locale = isLocale(notice.locale) ? notice.locale : defaultLocale;
  const t = translatorFor(locale);
  const subject = template.subject(t, branding, notice);
  const email = (
    <template.Email notice={notice} branding={branding} subject={subject} t={t} locale={locale} />
  );
  const [html, text] = await Promise.all([render(email), render(email, plainText)]);
  // Layout tables leave runs of blank lines in the text part; one blank line between blocks reads best.
  return { to: notice.to, subject, html, text: text.replace(/\n{3,}/g, "\n\n"), kind: notice.kind };
}

function unrendered(notice: never): never {
  throw new TypeError(`no email for notice kind ${JSON.stringify((notice as Notice).kind)}`);
}
