import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningApp } from "../http/support/app";
import { typedClient } from "../http/support/client";
import {
  accountSection,
  activeAccountInBrowser,
  logInInBrowser,
  overflowsHorizontally,
} from "./support/account";
import {
  type BrowserSession,
  openBrowser,
  screenshot,
  startAppAndBrowser,
  stopAll,
} from "./support/browser";
import { uniqueEmail } from "./support/mailbox";

describe("managing sessions from the account page", () => {
  let app: RunningApp;
  let browser: BrowserSession;
  /** Another device of the same person. */
  let elsewhere: BrowserSession;
  beforeAll(async () => {
    ({ app, browser } = await startAppAndBrowser());
    elsewhere = await openBrowser();
  });
  afterAll(() => stopAll(browser, elsewhere, app));

  it("lists the sessions, signs one out, then every other one", async () => {
    const { page } = browser;
    const email = uniqueEmail("sessions");
    const password = "two browsers, one account";
    await activeAccountInBrowser(page, app, email, password);
    await logInInBrowser(elsewhere.page, app.url, email, password);

    await page.reload();
    const sessions = accountSection(page, "Where you are logged in");
    const rows = sessions.locator("tbody tr");
    await sessions.getByText("This device").waitFor();
    expect(await rows.count()).toBe(2);
    expect(await rows.filter({ hasText: "This device" }).count()).toBe(1);
    await screenshot(page, "account-sessions");

    await rows
      .filter({ hasNotText: "This device" })
      .getByRole("button", { name: /^Log out/ })
      .click();
    await sessions.getByText(/^Logged out Chrome \d+ on Linux\.$/).waitFor();
    expect(await rows.count()).toBe(1);
    await screenshot(page, "account-session-signed-out");

    // The other browser's access is refused at once, its refresh fails, and it is sent to log in.
    await elsewhere.page.goto(`${app.url}/account`);
    await elsewhere.page.waitForURL(`${app.url}/login?returnTo=%2Faccount`);

    // Two more sessions: that browser again, and an API client.
    await logInInBrowser(elsewhere.page, app.url, email, password);
    await typedClient(app.url).auth.login.mutate({ email, password });
    await page.reload();
    await sessions.getByText("This device").waitFor();
    expect(await rows.count()).toBe(3);
    await screenshot(page, "account-sessions-three");

    // A phone-sized screen: the table turns into cards and nothing scrolls sideways.
    await page.setViewportSize({ width: 375, height: 812 });
    await page.reload();
    await sessions.getByText("This device").waitFor();
    expect(await overflowsHorizontally(page)).toBe(false);
    await screenshot(page, "account-narrow");
    await page.setViewportSize({ width: 1280, height: 800 });

    await sessions.getByRole("button", { name: "Log out everywhere else" }).click();
    await sessions.getByText("Logged out 2 other sessions.").waitFor();
    expect(await rows.count()).toBe(1);
    await sessions.getByText("You are not logged in anywhere else.").waitFor();
    await screenshot(page, "account-signed-out-everywhere-else");

    await elsewhere.page.reload();
    await elsewhere.page.waitForURL(`${app.url}/login?returnTo=%2Faccount`);
    // This browser stays signed in.
    await page.reload();
    expect(await page.getByTestId("account-email").textContent()).toBe(email);

    expect(browser.problems).toEqual([]);
    expect(elsewhere.problems).toEqual([]);
  });
});
