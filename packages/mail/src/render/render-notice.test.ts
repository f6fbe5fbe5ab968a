import type { Notice, NoticeKind, SecondFactorChange } from "@latch/auth/ports";
import { directionOf, locales, translatorFor } from "@latch/i18n";
import { describe, expect, it } from "vitest";
import { renderNotice } from "./render-notice";
import { allSampleNotices, fullBranding, plainBranding, sampleNotices } from "./sample-notices";

/** Every URL a notice carries: `link` and the `...Url` fields. */
function linksOf(notice: Notice): string[] {
  return Object.entries(notice)
    .filter(([field]) => field === "link" || field.endsWith("Url"))
    .map(([, value]) => String(value));
}

/** What the HTML would fetch or open: href and src values, not the DOCTYPE's DTD address. */
function urlsIn(html: string): string[] {
  return [...html.matchAll(/\s(?:href|src)="([^"]*)"/g)].map((match) => match[1] ?? "");
}

/** "Sign up" stays (it makes an account); every other sign-in or sign-out is a login or logout. */
const SIGN_IN_OR_OUT = /\bsign(?:s|ed|ing)?[- ]?(?:in|out)\b/i;

describe.each(allSampleNotices.map((notice) => [notice.kind, notice] as const))(
  "the %s email",
  (kind, notice) => {
    it("is addressed to the notice's recipient, tagged with its kind and names the app in its subject", async () => {
      const email = await renderNotice(notice, plainBranding);
      expect(email.to).toBe(notice.to);
      expect(email.kind).toBe(kind);
      expect(email.subject).toContain("Latch");
    });

    it("carries each of its links in the HTML and in the text part", async () => {
      const email = await renderNotice(notice, plainBranding);
      for (const link of linksOf(notice)) {
        expect(email.html).toContain(`href="${link}"`);
        expect(email.text).toContain(link);
      }
    });

    it("opens nothing but its own links and loads nothing when there is no logo", async () => {
      const email = await renderNotice(notice, plainBranding);
      expect(email.html).not.toMatch(/<img|<link|<script|@import|url\(/i);
      expect(new Set(urlsIn(email.html))).toEqual(new Set(linksOf(notice)));
    });

    it("reads in the text part as it does in HTML: no markup, no shouted heading", async () => {
      const email = await renderNotice(notice, plainBranding);
      expect(email.text).not.toMatch(/<[a-z!/]/i);
      expect(email.text).not.toMatch(/\n{3}/);
      expect(email.text).not.toContain("copy this link");
      const heading = email.html.match(/<h1[^>]*>([^<]+)<\/h1>/)?.[1] ?? "";
      expect(heading).not.toBe("");
      expect(email.text).toContain(heading.replaceAll("&#x27;", "'"));
    });

    it("speaks of logging in and out, as the pages do, never of signing in or out", async () => {
      const email = await renderNotice(notice, plainBranding);
      for (const part of [email.subject, email.html, email.text]) {
        expect(part).not.toMatch(SIGN_IN_OR_OUT);
      }
    });

    it("never lets a <script> in the recipient's address reach the HTML unescaped", async () => {
      const email = await renderNotice(
        { ...notice, to: '"<script>alert(1)</script>"@example.com' },
        plainBranding,
      );
      expect(email.html).not.toContain("<script>");
      expect(email.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    });
  },
);

describe("links that expire", () => {
  it.each([
    ["activation", sampleNotices.activation, "15 minutes"],
    ["password_reset", sampleNotices.password_reset, "30 minutes"],
    ["email_change_confirmation", sampleNotices.email_change_confirmation, "1 hour"],
  ] as const)("the %s email says when its link expires, in both parts", async (_, notice, when) => {
    const email = await renderNotice(notice, plainBranding);
    expect(email.text).toContain(`The link expires in ${when}`);
    expect(email.html).toContain(`The link expires in ${when}`);
  });

  it("puts the expiry in the preview line inboxes show before the email is opened", async () => {
    const email = await renderNotice(sampleNotices.activation, plainBranding);
    const preview = email.html.match(/data-skip-in-text="true">([^<]+)</)?.[1];
    expect(preview).toContain("15 minutes");
  });

  it("tells a reset's recipient that the link works once", async () => {
    const email = await renderNotice(sampleNotices.password_reset, plainBranding);
    expect(email.text).toContain("works once");
  });
});

describe("guidance for someone who did not ask for the email", () => {
  it.each([
    ["account_exists", sampleNotices.account_exists],
    ["password_changed", sampleNotices.password_changed],
    ["email_change_notice", sampleNotices.email_change_notice],
    ["session_ended_after_reuse", sampleNotices.session_ended_after_reuse],
    ["second_factor_changed", sampleNotices.second_factor_changed],
  ] as const)("the %s email offers the forgot-password link", async (_, notice) => {
    const { text } = await renderNotice(notice, plainBranding);
    expect(text).toMatch(/wasn't you|don't recognise/);
    expect(text).toContain(notice.forgotPasswordUrl);
  });

  it.each([
    ["activation", sampleNotices.activation, "the account stays inactive"],
    ["password_reset", sampleNotices.password_reset, "your password stays as it is"],
    ["email_change_confirmation", sampleNotices.email_change_confirmation, "nothing changes"],
  ] as const)("the %s email says what happens if it is ignored", async (_, notice, outcome) => {
    const { text } = await renderNotice(notice, plainBranding);
    expect(text).toContain("If you didn't");
    expect(text).toContain(outcome);
  });

  it("the email-change notice names the new address, escaped in HTML", async () => {
    const hostile = {
      ...sampleNotices.email_change_notice,
      newEmail: "<script>x</script>@evil.test",
    };
    const email = await renderNotice(hostile, plainBranding);
    expect(email.text).toContain("<script>x</script>@evil.test");
    expect(email.html).not.toContain("<script>");
    expect(email.html).toContain("&lt;script&gt;x&lt;/script&gt;@evil.test");
  });

  it("the session notice explains the reuse and advises changing the password", async () => {
    const { subject, text } = await renderNotice(
      sampleNotices.session_ended_after_reuse,
      plainBranding,
    );
    expect(subject).toMatch(/^Security alert/);
    expect(text).toContain("the same session token twice");
    expect(text).toContain("we logged that session out");
    expect(text).toContain("change your password");
    expect(text).toContain(sampleNotices.session_ended_after_reuse.accountUrl);
  });
});

describe("the second-factor notice", () => {
  const changes = [
    [{ what: "enabled" }, /two-step login was turned on/i, /was turned on/],
    [{ what: "disabled" }, /two-step login was turned off/i, /was turned off/],
    [{ what: "recovery_codes_regenerated" }, /new recovery codes/i, /old ones no longer work/],
    [
      { what: "recovery_code_used", codesLeft: 9 },
      /recovery code was used/i,
      /9 recovery codes left/,
    ],
    [
      { what: "passkey_added", name: "Work laptop" },
      /passkey was added/i,
      /"Work laptop" was added/,
    ],
    [
      { what: "passkey_removed", name: "Old phone" },
      /passkey was removed/i,
      /"Old phone" was removed/,
    ],
    // The provider's name keeps its capitals in the subject.
    [
      { what: "provider_connected", name: "Acme ID" },
      /Acme ID was connected to your Latch account/,
      /logging in with Acme ID now opens this account/,
    ],
    [
      { what: "provider_disconnected", name: "Acme ID" },
      /Acme ID was disconnected from your Latch account/,
      /logging in with Acme ID no longer opens it/,
    ],
  ] as const;

  it.each(changes)(
    "says what happened (%o) in its subject and body",
    async (change, subject, body) => {
      const email = await renderNotice(
        { ...sampleNotices.second_factor_changed, change },
        plainBranding,
      );
      expect(email.subject).toMatch(subject);
      expect(email.subject).toContain("Latch");
      expect(email.text).toMatch(body);
      expect(email.text).toContain(sampleNotices.second_factor_changed.accountUrl);
    },
  );

  it.each(["provider_connected", "provider_disconnected"] as const)(
    "for %s, tells an owner who made no such change that someone got in, and links the password reset",
    async (what) => {
      const notice = { ...sampleNotices.second_factor_changed, change: { what, name: "Acme ID" } };
      const email = await renderNotice(notice, plainBranding);
      expect(email.text).toContain("If this wasn't you, someone else got into your account");
      expect(email.text).not.toContain("got past the second step");
      expect(`${email.subject}\n${email.text}`).not.toMatch(SIGN_IN_OR_OUT);
      expect(email.text).toMatch(/Reset your password/);
      expect(email.text).toContain(notice.forgotPasswordUrl);
      expect(email.html).toContain(notice.forgotPasswordUrl);
    },
  );

  it("warns when the last recovery code is gone", async () => {
    const email = await renderNotice(
      {
        ...sampleNotices.second_factor_changed,
        change: { what: "recovery_code_used", codesLeft: 0 },
      },
      plainBranding,
    );
    expect(email.text).toContain("no recovery codes left");
  });
});

describe("branding", () => {
  it("names the app in the subject and the body of every email", async () => {
    for (const notice of allSampleNotices) {
      const email = await renderNotice(notice, fullBranding);
      expect(email.subject).toContain("Acme Cloud");
      expect(email.text).toContain("Acme Cloud");
      expect(email.html).toContain("Acme Cloud");
    }
  });

  it("shows the logo, with the app name as its alternative text, when there is one", async () => {
    const { html } = await renderNotice(sampleNotices.activation, fullBranding);
    expect(html).toMatch(/<img alt="Acme Cloud"[^>]* src="https:\/\/cdn\.acme\.test\/logo\.png"/);
  });

  it("colours the button with the accent colour", async () => {
    const { html } = await renderNotice(sampleNotices.activation, fullBranding);
    const button = html.match(/<a href="https:\/\/latch\.test\/activate\/[^"]+" style="([^"]+)"/);
    expect(button?.[1]).toContain("background-color:#e11d48");
    expect(button?.[1]).toContain("color:#ffffff");
  });

  it("writes the button label in dark ink when the accent colour is light", async () => {
    const light = { ...fullBranding, accentColor: "#ffd60a" };
    const { html } = await renderNotice(sampleNotices.activation, light);
    expect(html).toMatch(/background-color:#ffd60a;color:#18181b/);
  });

  it("names the support contact in every footer when there is one", async () => {
    for (const notice of allSampleNotices) {
      const { html, text } = await renderNotice(notice, fullBranding);
      expect(html).toContain('href="mailto:help@acme.test"');
      expect(text).toContain("Questions? Write to help@acme.test.");
    }
  });

  it("leaves the logo and the support line out cleanly when they are null", async () => {
    for (const notice of allSampleNotices) {
      const { html, text } = await renderNotice(notice, plainBranding);
      expect(html).not.toContain("<img");
      expect(html).not.toContain("mailto:");
      expect(text).not.toContain("Questions?");
      expect(`${html}${text}`).not.toMatch(/null|undefined/);
      expect(text).toContain(`This email was sent to ${notice.to} by Latch.`);
    }
  });

  it("the account-deleted email tells its reader to write to support when there is an address", async () => {
    const { text } = await renderNotice(sampleNotices.account_deleted, fullBranding);
    expect(text).toContain("If you didn't delete it, someone else knew your password");
    expect(text).toContain("write to us at help@acme.test and change that password");
  });

  it("the account-deleted email still says what to do without a support address", async () => {
    const { text } = await renderNotice(sampleNotices.account_deleted, plainBranding);
    expect(text).toContain("If you didn't delete it, someone else knew your password");
    expect(text).toContain("change it there too");
  });

  it("escapes an app name that looks like markup", async () => {
    const { html } = await renderNotice(sampleNotices.activation, {
      ...plainBranding,
      appName: "<b>Latch</b>",
    });
    expect(html).not.toContain("<b>");
    expect(html).toContain("&lt;b&gt;Latch&lt;/b&gt;");
  });
});

describe("what cannot be rendered", () => {
  it("refuses a link that is not an http(s) URL, which escaping alone cannot make safe", async () => {
    const notice = { ...sampleNotices.activation, link: "javascript:alert(1)" };
    await expect(renderNotice(notice, plainBranding)).rejects.toThrow(TypeError);
  });

  it("refuses branding it could not put safely into a style attribute", async () => {
    const branding = { ...plainBranding, accentColor: "red;background:url(https://x.test)" };
    await expect(renderNotice(sampleNotices.activation, branding)).rejects.toThrow(TypeError);
  });

  it("refuses a kind it has no email for, should one slip past the type checker", async () => {
    const unknown = { kind: "newsletter", to: "ann@example.com" } as unknown as Notice;
    await expect(renderNotice(unknown, plainBranding)).rejects.toThrow(/no email for notice kind/);
  });
});

describe.each(locales)("in %s", (locale) => {
  // What each email must say, from the catalogue itself: never a copy of its text.
  const t = translatorFor(locale);
  const appName = plainBranding.appName;
  const { to } = sampleNotices.activation;
  const expected: { [K in NoticeKind]: { subject: string; says: string[] } } = {
    activation: {
      subject: t("emails.activation.subject", { appName }),
      says: [
        t("emails.activation.heading"),
        t("emails.activation.button"),
        t("emails.activation.thanks", { appName, to }),
        t("emails.common.linkExpires", {
          duration: t("emails.duration.minutes", { count: 15 }),
        }),
      ],
    },
    account_exists: {
      subject: t("emails.accountExists.subject", { appName }),
      says: [
        t("emails.accountExists.heading"),
        t("emails.accountExists.button", { appName }),
        t("emails.accountExists.ignore"),
      ],
    },
    password_reset: {
      subject: t("emails.passwordReset.subject", { appName }),
      says: [
        t("emails.passwordReset.heading"),
        t("emails.passwordReset.button"),
        t("emails.passwordReset.expiry", {
          duration: t("emails.duration.minutes", { count: 30 }),
        }),
      ],
    },
    password_changed: {
      subject: t("emails.passwordChanged.subject", { appName }),
      says: [t("emails.passwordChanged.heading"), t("emails.common.resetMyPassword")],
    },
    passwordless_login: {
      subject: t("emails.passwordlessLogin.subject", { appName }),
      says: [
        t("emails.passwordlessLogin.heading", { appName }),
        t("emails.passwordlessLogin.code", { code: "042 917" }),
      ],
    },
    email_change_confirmation: {
      subject: t("emails.emailChangeConfirmation.subject", { appName }),
      says: [
        t("emails.emailChangeConfirmation.heading"),
        t("emails.emailChangeConfirmation.button"),
        t("emails.common.linkExpires", { duration: t("emails.duration.hours", { count: 1 }) }),
      ],
    },
    email_change_notice: {
      subject: t("emails.emailChangeNotice.subject", { appName }),
      says: [
        t("emails.emailChangeNotice.heading"),
        t("emails.emailChangeNotice.body", { appName, to, newEmail: "ann.new@example.com" }),
      ],
    },
    account_deleted: {
      subject: t("emails.accountDeleted.subject", { appName }),
      says: [t("emails.accountDeleted.heading"), t("emails.accountDeleted.notYou")],
    },
    session_ended_after_reuse: {
      subject: t("emails.sessionEndedAfterReuse.subject", { appName }),
      says: [t("emails.sessionEndedAfterReuse.heading"), t("emails.sessionEndedAfterReuse.button")],
    },
    second_factor_changed: {
      subject: t("emails.secondFactorChanged.recovery_code_used.subject", { appName }),
      says: [
        t("emails.secondFactorChanged.recovery_code_used.heading"),
        t("emails.secondFactorChanged.recovery_code_used.body", { appName, to, codesLeft: 9 }),
        t("emails.secondFactorChanged.button"),
      ],
    },
  };

  it.each(allSampleNotices.map((notice) => [notice.kind, notice] as const))(
    "the %s email takes its subject and its words from the catalogue, with the language's lang and dir",
    async (kind, notice) => {
      const email = await renderNotice({ ...notice, locale }, plainBranding);
      expect(email.subject).toBe(expected[kind].subject);
      for (const words of [
        ...expected[kind].says,
        t("emails.layout.sentTo", { to: notice.to, appName }),
      ]) {
        expect(email.text).toContain(words);
      }
      expect(htmlTagOf(email.html)).toContain(` lang="${locale}"`);
      expect(htmlTagOf(email.html)).toContain(` dir="${directionOf(locale)}"`);
      // Also on the body: mail clients drop the <html> element's attributes.
      expect(email.html).toMatch(new RegExp(`<body[^>]* dir="${directionOf(locale)}"`));
    },
  );

  it("says what changed in each second-factor notice's subject, in this language", async () => {
    const subjects = new Set<string>();
    for (const change of secondFactorChanges) {
      const notice = { ...sampleNotices.second_factor_changed, change, locale };
      subjects.add((await renderNotice(notice, plainBranding)).subject);
    }
    expect(subjects.size).toBe(secondFactorChanges.length);
    const connected = { ...sampleNotices.second_factor_changed, locale };
    connected.change = { what: "provider_connected", name: "Acme ID" };
    expect((await renderNotice(connected, plainBranding)).subject).toBe(
      t("emails.secondFactorChanged.provider_connected.subject", { appName, name: "Acme ID" }),
    );
  });

  it("names the support address in the footer and the button's fallback line in this language", async () => {
    const email = await renderNotice({ ...sampleNotices.activation, locale }, fullBranding);
    expect(email.html).toContain('href="mailto:help@acme.test"');
    expect(email.html).toContain(
      escapeHtml(t("emails.layout.sentTo", { to, appName: fullBranding.appName })),
    );
    expect(email.html).toContain(escapeHtml(t("emails.layout.buttonFallback")));
  });
});

describe("a notice in a language Latch has no catalogue for", () => {
  it("goes out in English", async () => {
    const notice = { ...sampleNotices.password_reset, locale: "pt-BR" };
    const email = await renderNotice(notice, plainBranding);
    const english = await renderNotice({ ...notice, locale: "en" }, plainBranding);
    expect(email).toEqual(english);
    expect(htmlTagOf(email.html)).toContain(' lang="en"');
    expect(htmlTagOf(email.html)).toContain(' dir="ltr"');
  });
});

const secondFactorChanges: SecondFactorChange[] = [
  { what: "enabled" },
  { what: "disabled" },
  { what: "recovery_codes_regenerated" },
  { what: "recovery_code_used", codesLeft: 2 },
  { what: "passkey_added", name: "Work laptop" },
  { what: "passkey_removed", name: "Old phone" },
  { what: "provider_connected", name: "Acme ID" },
  { what: "provider_disconnected", name: "Acme ID" },
];

/** As React writes text into HTML. */
const escapeHtml = (text: string) =>
  text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll("'", "&#x27;")
    .replaceAll('"', "&quot;");

/** The opening <html> tag, whose lang and dir say the email's language. */
const htmlTagOf = (html: string) => html.match(/<html[^>]*>/)?.[0] ?? "";
