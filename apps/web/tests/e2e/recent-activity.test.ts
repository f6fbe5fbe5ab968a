import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningApp } from "../http/support/app";
import { accountSection, activeAccountInBrowser, logInInBrowser } from "./support/account";
import { accessibilityViolations } from "./support/axe";
import {
  type BrowserSession,
  currentUser,
  openBrowser,
  screenshot,
  startAppAndBrowser,
  stopAll,
} from "./support/browser";
import { LINKS, uniqueEmail, waitForLink } from "./support/mailbox";

describe("recent activity on the account page", () => {
  let app: RunningApp;
  let browser: BrowserSession;
  /** Someone else holding the same account, whom "This wasn't me" must throw out too. */
  let intruder: BrowserSession;
  beforeAll(async () => {
    ({ app, browser } = await startAppAndBrowser());
    intruder = await openBrowser();
  });
  afterAll(() => stopAll(browser, intruder, app));

  it("lists the logins with their device, and 'This wasn't me' logs out everywhere and emails a reset link", async () => {
    const { page } = browser;
    const email = uniqueEmail("activity");
    const password = "whose login was that";
    await activeAccountInBrowser(page, app, email, password);
    await logInInBrowser(intruder.page, app.url, email, password);

    await page.reload();
    const activity = accountSection(page, "Recent activity");
    const logins = activity.locator('tbody tr[data-event-type="login.succeeded"]');
    await logins.first().waitFor();
    expect(await logins.first().textContent()).toMatch(/Logged in.*Chrome/);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, "account-recent-activity");

    await activity.getByRole("button", { name: "This wasn't me…" }).click();
    const confirm = activity.getByRole("button", {
      name: "Log out everywhere and reset my password",
    });
    expect(await confirm.evaluate((button) => button === document.activeElement)).toBe(true);
    await confirm.click();
    await page.waitForURL(`${app.url}/?account=secured`);
    await page.getByText("Every session of your account was ended").waitFor();
    await screenshot(page, "account-this-was-not-me");
    expect(await currentUser(page)).toBeNull();
    await waitForLink(app, email, LINKS.passwordReset);

    // The other holder of the account is out too.
    await intruder.page.goto(`${app.url}/account`);
    await intruder.page.waitForURL(`${app.url}/login?returnTo=%2Faccount`);

    expect(browser.problems).toEqual([]);
    expect(intruder.problems).toEqual([]);
  });
});
