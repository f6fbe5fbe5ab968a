import { catalogues } from "@latch/i18n";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApp, startApp } from "../http/support/app";
import { accessibilityViolations } from "./support/axe";
import {
  type BrowserSession,
  openBrowser,
  recordApiCalls,
  screenshot,
  stopAll,
} from "./support/browser";
import { printedEmails, uniqueEmail, waitForActivationLink } from "./support/mailbox";

const ar = catalogues.ar;
const PASSWORD = "كلمة مرور طويلة للاختبار 2026";

/** The document's language and direction, as the browser has them. */
async function documentLanguage(page: Page) {
  return page.evaluate(() => ({
    lang: document.documentElement.lang,
    dir: document.documentElement.dir,
    direction: getComputedStyle(document.body).direction,
  }));
}

/** Where an element sits across the page: 0 at the left edge, 1 at the right. */
async function horizontalPosition(page: Page, selector: string): Promise<number> {
  const box = await page.locator(selector).first().boundingBox();
  const width = page.viewportSize()?.width ?? 1;
  if (!box) throw new Error(`${selector} is not on the page`);
  return (box.x + box.width / 2) / width;
}

/**
 * A person whose browser speaks Arabic signs up, activates and reaches their
 * account: every page in Arabic, right to left, with no accessibility violation.
 */
describe("signing up in Arabic, right to left", () => {
  let app: RunningApp;
  let browser: BrowserSession;
  beforeAll(async () => {
    app = await startApp({ ALLOW_EMBEDDED_SERVICES: "true" });
    browser = await openBrowser({ locale: "ar-EG" });
  });
  afterAll(() => stopAll(browser, app));

  it("goes from signup to the account page in Arabic, laid out right to left, with axe finding nothing", async () => {
    const { page } = browser;
    const email = uniqueEmail("arabic");

    await page.goto(`${app.url}/signup`);
    await page.waitForLoadState("networkidle");
    expect(await documentLanguage(page)).toEqual({ lang: "ar", dir: "rtl", direction: "rtl" });
    await page.getByRole("heading", { level: 1, name: ar.signup.formTitle }).waitFor();
    // Right to left: the brand, first in the header, sits at the right; the form's fields start there too.
    expect(await horizontalPosition(page, "header nav > a")).toBeGreaterThan(0.5);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, "ar-signup");

    await page.getByLabel(ar.components.emailField.label).fill(email);
    await page.getByLabel(ar.components.passwordField.label, { exact: true }).fill(PASSWORD);
    // The strength meter speaks Arabic too.
    await page.getByText(ar.components.passwordStrength.levels.strong, { exact: false }).waitFor();
    await page.getByRole("button", { name: ar.signup.submit }).click();
    await page.getByRole("heading", { name: ar.components.common.checkInbox }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, "ar-signup-check-inbox");

    // The account's language is the signup request's: its email went out in Arabic.
    const link = await waitForActivationLink(app, email, 1);
    expect(printedEmails(app, email)[0]?.subject).toBe(
      ar.emails.activation.subject.replace("{appName}", "Latch"),
    );

    await page.goto(link);
    await page.waitForLoadState("networkidle");
    await page.getByRole("heading", { level: 1, name: ar.activate.title }).waitFor();
    expect(await documentLanguage(page)).toEqual({ lang: "ar", dir: "rtl", direction: "rtl" });
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, "ar-activate");
    await page.getByLabel(ar.components.passwordField.label, { exact: true }).fill(PASSWORD);
    await page.getByRole("button", { name: ar.activate.submitConfirm }).click();

    await page.waitForURL(`${app.url}/account`);
    expect(await page.getByTestId("account-email").textContent()).toBe(email);
    await page.waitForLoadState("networkidle");
    expect(await documentLanguage(page)).toEqual({ lang: "ar", dir: "rtl", direction: "rtl" });
    expect(await horizontalPosition(page, "header nav > a")).toBeGreaterThan(0.5);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, "ar-account");

    // Picking English on the account page turns the pages to English, and stays picked.
    const calls = recordApiCalls(page);
    const picker = page.getByRole("main").getByRole("combobox", { name: ar.language.label });
    await picker.selectOption("en");
    await page.waitForFunction(() => document.documentElement.lang === "en");
    expect(await documentLanguage(page)).toEqual({ lang: "en", dir: "ltr", direction: "ltr" });
    // Kept on the account too, so the emails follow.
    expect(calls).toContainEqual({ method: "POST", path: "auth.account.setLocale" });
    await page.reload();
    expect(await documentLanguage(page)).toEqual({ lang: "en", dir: "ltr", direction: "ltr" });
    await page.getByRole("heading", { level: 1, name: catalogues.en.account.title }).waitFor();

    // On a browser that never picked a language (cookies gone), the login page speaks the
    // browser's Arabic, and logging in brings the account's English, layout and header included.
    await page.context().clearCookies();
    await page.goto(`${app.url}/login`);
    await page.waitForLoadState("networkidle");
    expect(await documentLanguage(page)).toEqual({ lang: "ar", dir: "rtl", direction: "rtl" });
    await page.getByLabel(ar.components.emailField.label).fill(email);
    await page.getByLabel(ar.components.passwordField.label, { exact: true }).fill(PASSWORD);
    await page.getByRole("button", { name: ar.components.common.logIn, exact: true }).click();
    await page.waitForURL(`${app.url}/account`);
    await page.getByRole("heading", { level: 1, name: catalogues.en.account.title }).waitFor();
    expect(await documentLanguage(page)).toEqual({ lang: "en", dir: "ltr", direction: "ltr" });
    expect(
      await page
        .locator("header")
        .getByRole("link", { name: catalogues.en.header.skipToContent })
        .count(),
    ).toBe(1);
    expect(browser.problems).toEqual([]);
  });
});
