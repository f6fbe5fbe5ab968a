import { catalogues, directionOf, type Locale, locales, translatorFor } from "@latch/i18n";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { grantAdmin } from "../e2e/support/admin";
import { call } from "./support/client";
import {
  activeAccount,
  nthActivationKey,
  type RealServicesApp,
  startRealServicesApp,
} from "./support/real-services";

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ""): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]): [string, string][] => {
    const path = prefix ? `${prefix}.${key}` : key;
    return typeof value === "string" ? [[path, value]] : leaves(value, path);
  });
}

/**
 * The literal text of an ICU message: "Try again in {n, plural, one {# minute} other {# minutes}}."
 * gives "Try again in", "minute" and "minutes". Runs at even depths are text (the message's
 * own, then a plural or select branch's); odd depths hold argument names and branch keys.
 */
function literalParts(message: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = "";
  for (const char of message) {
    if (char === "{" || char === "}") {
      if (depth % 2 === 0) parts.push(current);
      current = "";
      depth = char === "{" ? depth + 1 : Math.max(0, depth - 1);
    } else {
      current += char;
    }
  }
  if (depth % 2 === 0) parts.push(current);
  // A lone lower-case word ("password" of "Reset your {appName} password") is also how data
  // and identifiers read (an audit detail's "method: password"): only phrases and words a
  // label would start with are looked for.
  // Rich-text tags (<link>Log in</link>) are markup on the page, not text: split at them.
  return parts
    .flatMap((part) => part.split(/<\/?\w+>/))
    .map((part) => part.replaceAll("#", "").trim())
    .filter((part) => /\p{L}{3}/u.test(part) && (/\s/.test(part) || /^\p{Lu}/u.test(part)));
}

const english = leaves(catalogues.en as unknown as Tree).filter(
  ([key]) => !key.startsWith("meta."),
);

/**
 * The English a page in `locale` must not show: every literal part of the English
 * catalogue, unless the same words are also in that language's own catalogue (a
 * brand name, "Passkey" in German) and so may rightly appear.
 */
function englishLeftoversFor(locale: Locale): string[] {
  const own = leaves(catalogues[locale] as unknown as Tree).map(([, text]) => text);
  const fragments = new Set(english.flatMap(([, text]) => literalParts(text)));
  return [...fragments].filter((fragment) => !own.some((text) => text.includes(fragment)));
}

const entities: Record<string, string> = {
  "&amp;": "&",
  "&lt;": "<",
  "&gt;": ">",
  "&quot;": '"',
  "&#x27;": "'",
  "&#39;": "'",
  "&nbsp;": " ",
};

/** What a person reads (or hears) on a page: its text and its labelling attributes, not its scripts. */
function readableText(html: string): string {
  const attributes = [
    ...html.matchAll(/\s(?:aria-label|title|alt|placeholder|content)="([^"]*)"/g),
  ].map((match) => match[1] ?? "");
  const text = html
    .replace(/<script[\s\S]*?<\/script>/g, " ")
    .replace(/<style[\s\S]*?<\/style>/g, " ")
    .replace(/<[^>]+>/g, " ");
  return [text, ...attributes]
    .join(" \n ")
    .replace(/&(?:amp|lt|gt|quot|nbsp|#x27|#39);/g, (entity) => entities[entity] ?? entity)
    .replace(/\s+/g, " ");
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function leftoversIn(text: string, fragments: string[]): string[] {
  return fragments.filter((fragment) =>
    // Not inside a longer word, nor an identifier such as "user.signed_up" (shown as it is).
    new RegExp(`(?<![\\p{L}\\d._])${escapeRegExp(fragment)}(?![\\p{L}\\d._])`, "u").test(text),
  );
}

const PASSWORD = "a long languages test password";
const NOT_A_KEY = "A".repeat(32);

describe("every page in every language", () => {
  let real: RealServicesApp;
  let db: pg.Client;
  let member = "";
  let admin = "";
  let memberCookie = "";
  let adminCookie = "";
  const pages: { path: string; as: "anyone" | "member" | "admin" }[] = [];

  async function browserLogin(email: string): Promise<string> {
    const response = await fetch(`${real.app.url}/api/trpc/session.login`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: real.app.url },
      body: JSON.stringify({ email, password: PASSWORD }),
    });
    expect(response.status).toBe(200);
    // The session only: the language cookie a login sets (the account's) would outrank Accept-Language.
    return response.headers
      .getSetCookie()
      .map((cookie) => cookie.split(";")[0] ?? "")
      .filter((pair) => !pair.startsWith("latch_locale="))
      .join("; ");
  }

  beforeAll(async () => {
    real = await startRealServicesApp({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: "true" });
    db = new pg.Client({ connectionString: real.databaseUrl });
    await db.connect();
    const stamp = Date.now();
    member = `languages.member.${stamp}@example.com`;
    admin = `languages.admin.${stamp}@example.com`;
    await activeAccount(real, member, PASSWORD);
    await activeAccount(real, admin, PASSWORD);
    await grantAdmin(real, admin);
    memberCookie = await browserLogin(member);
    adminCookie = await browserLogin(admin);

    // A link that works, on the pages emails lead to.
    const pending = `languages.pending.${stamp}@example.com`;
    await call(real.app.url, "auth.signup", { input: { email: pending, password: PASSWORD } });
    const activationKey = await nthActivationKey(real, pending, 1);
    await call(real.app.url, "auth.requestPasswordReset", { input: { email: member } });
    const resetLink = await real.linkFor(member, /\/reset-password\/[A-Za-z0-9_-]{32}/);
    const resetPath = new URL(resetLink, real.app.url).pathname;

    const { rows } = await db.query<{ id: string }>("SELECT id FROM users WHERE email = $1", [
      member,
    ]);
    const memberId = rows[0]?.id ?? "";
    const login = await call(real.app.url, "auth.login", {
      input: { email: admin, password: PASSWORD },
    });
    const access = (login.data as { tokens: { access: string } }).tokens.access;
    const created = await call(real.app.url, "admin.webhooks.create", {
      input: { url: "http://127.0.0.1:9/latch-hook", events: ["user.created"] },
      accessToken: access,
    });
    const webhookId = (created.data as { id: string }).id;

    for (const path of [
      "/",
      "/signup",
      "/login",
      "/login?loggedOut=1",
      "/login/email",
      `/login/email/${NOT_A_KEY}`,
      "/activate",
      `/activate/${NOT_A_KEY}`,
      `/activate/${activationKey}`,
      "/forgot-password",
      `/reset-password/${NOT_A_KEY}`,
      resetPath,
      `/confirm-email/${NOT_A_KEY}`,
      "/no-such-page",
    ]) {
      pages.push({ path, as: "anyone" });
    }
    // (/admin answers a member with the 404 page from inside the page, which Next renders
    // in the browser, without server HTML to read here: /no-such-page is that page.)
    pages.push({ path: "/account", as: "member" });
    for (const path of [
      "/admin",
      "/admin/users",
      `/admin/users/${memberId}`,
      "/admin/audit",
      "/admin/webhooks",
      `/admin/webhooks/${webhookId}`,
    ]) {
      pages.push({ path, as: "admin" });
    }
  });
  afterAll(async () => {
    await db?.end();
    await real?.stop();
  });

  async function page(path: string, as: string, headers: Record<string, string>) {
    const cookie = as === "member" ? memberCookie : as === "admin" ? adminCookie : "";
    // Redirects not followed: a session lost on the way would otherwise check /login instead.
    const response = await fetch(`${real.app.url}${path}`, {
      redirect: "manual",
      headers: { accept: "text/html", ...(cookie ? { cookie } : {}), ...headers },
    });
    return { status: response.status, html: await response.text() };
  }

  it("finds English on the English pages: the check below can see what it looks for", async () => {
    const fragments = [...new Set(english.flatMap(([, text]) => literalParts(text)))];
    for (const { path, as } of pages) {
      const { status, html } = await page(path, as, { "accept-language": "en" });
      expect(status, path).toBe(path === "/no-such-page" ? 404 : 200);
      expect(html.match(/<html[^>]*>/)?.[0], path).toBe('<html lang="en" dir="ltr">');
      expect(leftoversIn(readableText(html), fragments).length, path).toBeGreaterThan(2);
    }
  });

  it.each(locales.filter((locale) => locale !== "en"))(
    "renders every page in %s, with its lang and direction, and no English left",
    async (locale) => {
      const fragments = englishLeftoversFor(locale);
      const direction = directionOf(locale);
      const found: Record<string, string[]> = {};
      for (const { path, as } of pages) {
        const { status, html } = await page(path, as, { "accept-language": `${locale};q=0.9` });
        expect(status, path).toBe(path === "/no-such-page" ? 404 : 200);
        expect(html.match(/<html[^>]*>/)?.[0], path).toBe(
          `<html lang="${locale}" dir="${direction}">`,
        );
        const left = leftoversIn(readableText(html), fragments);
        if (left.length > 0) found[`${as} ${path}`] = left;
      }
      expect(found).toEqual({});
    },
  );

  it("follows a picked language (the cookie) over Accept-Language", async () => {
    const { html } = await page("/login", "anyone", {
      "accept-language": "de",
      cookie: "latch_locale=ja",
    });
    expect(html.match(/<html[^>]*>/)?.[0]).toBe('<html lang="ja" dir="ltr">');
    expect(readableText(html)).toContain(catalogues.ja.layout.description);
  });
});

describe("API messages in the caller's language", () => {
  let real: RealServicesApp;
  beforeAll(async () => {
    real = await startRealServicesApp();
  });
  afterAll(() => real?.stop());

  async function login(body: unknown, acceptLanguage: string) {
    const response = await fetch(`${real.app.url}/api/trpc/auth.login`, {
      method: "POST",
      headers: { "content-type": "application/json", "accept-language": acceptLanguage },
      body: JSON.stringify(body),
    });
    return (await response.json()) as {
      error: { message: string; data: { reason: string; fieldErrors?: Record<string, string[]> } };
    };
  }

  it.each(locales)("words a refusal in %s, with the same reason", async (locale) => {
    const { error } = await login(
      { email: `nobody.${locale}@example.com`, password: "not the password" },
      `${locale},en;q=0.5`,
    );
    expect(error.data.reason).toBe("INVALID_CREDENTIALS");
    expect(error.message).toBe(catalogues[locale].errors.INVALID_CREDENTIALS);
  });

  it.each(locales)("words field errors in %s, under the same field names", async (locale) => {
    const { error } = await login({ email: "not an address", password: "" }, locale);
    expect(error.data.reason).toBe("INVALID_INPUT");
    expect(error.message).toBe(catalogues[locale].errors.INVALID_INPUT);
    expect(error.data.fieldErrors).toEqual({
      email: [catalogues[locale].validation.emailInvalid],
      password: [catalogues[locale].validation.currentPasswordMissing],
    });
  });

  it("answers English to a language it does not speak", async () => {
    const { error } = await login({ email: "x@example.com", password: "wrong password" }, "pt-BR");
    expect(error.message).toBe(catalogues.en.errors.INVALID_CREDENTIALS);
  });
});

describe("emails in the account's language", () => {
  let real: RealServicesApp;
  beforeAll(async () => {
    real = await startRealServicesApp();
  });
  afterAll(() => real?.stop());

  const subjectsTo = (email: string) =>
    real
      .delivered()
      .filter(
        (message) =>
          message.body.to === email || JSON.stringify(message.body.to) === `["${email}"]`,
      )
      .map((message) => String(message.body.subject));

  async function waitForEmails(email: string, count: number): Promise<string[]> {
    const deadline = Date.now() + 10_000;
    while (subjectsTo(email).length < count) {
      if (Date.now() > deadline) throw new Error(`fewer than ${count} emails to ${email}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return subjectsTo(email);
  }

  async function post(path: string, body: unknown, headers: Record<string, string>) {
    return fetch(`${real.app.url}/api/trpc/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: real.app.url, ...headers },
      body: JSON.stringify(body),
    });
  }

  it("takes the signup's language, keeps it whatever language asks later, and follows a change", async () => {
    const email = `languages.mail.${Date.now()}@example.com`;
    const signedUp = await post(
      "auth.signup",
      { email, password: PASSWORD },
      {
        "accept-language": "ja-JP,ja;q=0.9",
      },
    );
    expect(signedUp.status).toBe(200);
    const ja = translatorFor("ja");
    expect((await waitForEmails(email, 1))[0]).toBe(
      ja("emails.activation.subject", { appName: "Latch" }),
    );

    // Activated, then a reset asked for in German: the account's language wins.
    const key = await nthActivationKey(real, email, 1);
    expect(
      (await call(real.app.url, "auth.activate", { input: { key, password: PASSWORD } })).status,
    ).toBe(200);
    await post("auth.requestPasswordReset", { email }, { "accept-language": "de" });
    expect((await waitForEmails(email, 2))[1]).toBe(
      ja("emails.passwordReset.subject", { appName: "Latch" }),
    );

    // A browser that never picked a language takes the account's at login; one that did keeps it.
    const fresh = await post(
      "session.login",
      { email, password: PASSWORD },
      { "accept-language": "en" },
    );
    expect(fresh.status).toBe(200);
    const freshCookies = fresh.headers.getSetCookie();
    expect(freshCookies.find((cookie) => cookie.startsWith("latch_locale="))).toMatch(
      /^latch_locale=ja;.*Path=\/.*SameSite=Lax/i,
    );
    const picked = await post(
      "session.login",
      { email, password: PASSWORD },
      { cookie: "latch_locale=de" },
    );
    expect(picked.headers.getSetCookie().some((cookie) => cookie.startsWith("latch_locale="))).toBe(
      false,
    );

    // Changed on the account (the /account picker): the next email follows.
    const session = freshCookies.map((cookie) => cookie.split(";")[0]).join("; ");
    const changed = await post("auth.account.setLocale", { locale: "fr" }, { cookie: session });
    expect(await changed.json()).toEqual({ result: { data: { locale: "fr" } } });
    await post("auth.requestPasswordReset", { email }, { "accept-language": "ja" });
    expect((await waitForEmails(email, 3))[2]).toBe(
      translatorFor("fr")("emails.passwordReset.subject", { appName: "Latch" }),
    );
  });
});
