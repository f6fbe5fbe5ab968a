import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningApp } from "../http/support/app";
import { activeAccountInBrowser } from "./support/account";
import { type BrowserSession, screenshot, startAppAndBrowser, stopAll } from "./support/browser";
import { LINKS, uniqueEmail, waitForLink } from "./support/mailbox";

describe("an expired or malformed password reset link", () => {
  let app: RunningApp;
  let browser: BrowserSession;
  beforeAll(async () => {
    ({ app, browser } = await startAppAndBrowser({ PASSWORD_RESET_TTL_SECONDS: "2" }));
  });
  afterAll(() => stopAll(browser, app));

  it("says the link expired and leads to asking for a new one", async () => {
    const { page } = browser;
    const email = uniqueEmail("reset-expired");
    await activeAccountInBrowser(page, app, email, "a password that stays");

    await page.goto(`${app.url}/forgot-password`);
    await page.waitForLoadState("networkidle");
    await page.getByLabel("Email address").fill(email);
    await page.getByRole("button", { name: "Email me a reset link" }).click();
    await page.getByRole("heading", { name: "Check your inbox" }).waitFor();
    const link = await waitForLink(app, email, LINKS.passwordReset);
    await new Promise((resolve) => setTimeout(resolve, 3_000));

    // The page knows at once: an expired link opens on the way to a new one, no form first.
    await page.goto(link);
    await page.waitForLoadState("networkidle");
    await page.getByRole("heading", { name: "This link has expired" }).waitFor();
    expect(await page.getByLabel("New password").count()).toBe(0);
    await screenshot(page, "reset-password-expired");

    await page.getByRole("link", { name: "Ask for a new link" }).click();
    await page.waitForURL(`${app.url}/forgot-password`);
    await page.getByRole("heading", { name: "Reset your password" }).waitFor();
    expect(browser.problems).toEqual([]);
  });

  it("shows a link that cannot hold a key as not valid, without asking the server", async () => {
    const { page } = browser;
    await page.goto(`${app.url}/reset-password/not-a-key`);
    await page.getByRole("heading", { name: "This link is not valid" }).waitFor();
    await screenshot(page, "reset-password-malformed");
    expect(browser.problems).toEqual([]);
  });
});
