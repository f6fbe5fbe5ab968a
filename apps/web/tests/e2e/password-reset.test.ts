import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningApp } from "../http/support/app";
import { activeAccountInBrowser, fillLogin } from "./support/account";
import {
  type BrowserSession,
  openBrowser,
  recordApiCalls,
  screenshot,
  startAppAndBrowser,
  stopAll,
} from "./support/browser";
import { LINKS, uniqueEmail, waitForLink } from "./support/mailbox";

describe("resetting a forgotten password in a browser", () => {
  let app: RunningApp;
  let browser: BrowserSession;
  /** Another device, signed in before the reset. */
  let elsewhere: BrowserSession;
  beforeAll(async () => {
    ({ app, browser } = await startAppAndBrowser());
    elsewhere = await openBrowser();
  });
  afterAll(() => stopAll(browser, elsewhere, app));

  it("uses the emailed key only on submit, signs every session out, and takes the new password", async () => {
    const { page } = browser;
    const email = uniqueEmail("reset");
    const oldPassword = "the password I forgot";
    const newPassword = "remembered this one, surely";
    await activeAccountInBrowser(elsewhere.page, app, email, oldPassword);

    await page.goto(`${app.url}/login`);
    await page.waitForLoadState("networkidle");
    await page.getByRole("link", { name: "Forgot your password?" }).click();
    await page.waitForURL(`${app.url}/forgot-password`);
    await page.getByRole("heading", { name: "Reset your password" }).waitFor();
    await screenshot(page, "forgot-password");
    await page.getByLabel("Email address").fill(email);
    await page.getByRole("button", { name: "Email me a reset link" }).click();
    await page.getByRole("heading", { name: "Check your inbox" }).waitFor();
    expect(await page.getByText("If an account exists for").textContent()).toContain(email);
    await screenshot(page, "forgot-password-sent");

    // Opening the link is what a mail scanner does, perhaps twice: it must change nothing.
    const link = await waitForLink(app, email, LINKS.passwordReset);
    const calls = recordApiCalls(page);
    await page.goto(link);
    await page.waitForLoadState("networkidle");
    await page.reload();
    await page.waitForLoadState("networkidle");
    await page.getByRole("heading", { name: "Choose a new password" }).waitFor();
    await screenshot(page, "reset-password");
    expect(calls.filter((call) => call.method === "POST")).toEqual([]);
    // A password manager saves the new password under the account's address.
    const username = page.locator('input[autocomplete="username"]');
    expect(await username.inputValue()).toBe(email);
    expect(await username.getAttribute("name")).toBe("username");

    // The shared rule is checked in the page: a short password never spends the key.
    await page.getByLabel("New password").fill("short");
    await page.getByRole("button", { name: "Save my new password" }).click();
    await page.getByText("Use at least 8 characters.").waitFor();
    expect(calls.filter((call) => call.path === "auth.resetPassword")).toEqual([]);

    await page.getByLabel("New password").fill(newPassword);
    await page.getByText("Strength: Strong").waitFor();
    await page.getByRole("button", { name: "Save my new password" }).click();
    await page.getByRole("heading", { name: "Your password was changed" }).waitFor();
    await screenshot(page, "reset-password-done");

    // The session signed in before the reset ended: its account page sends it to log in.
    await elsewhere.page.goto(`${app.url}/account`);
    await elsewhere.page.waitForURL(`${app.url}/login?returnTo=%2Faccount`);

    await page.getByRole("main").getByRole("link", { name: "Log in" }).click();
    await page.waitForURL(`${app.url}/login`);
    await page.waitForLoadState("networkidle");
    await fillLogin(page, email, oldPassword);
    await page.getByText("The email or password is incorrect.").waitFor();
    await screenshot(page, "login-wrong-password");
    await page.getByLabel("Password", { exact: true }).fill(newPassword);
    await page.getByRole("button", { name: "Log in", exact: true }).click();
    await page.waitForURL(`${app.url}/account`);
    expect(await page.getByTestId("account-email").textContent()).toBe(email);

    // The key was spent: the same link now opens on saying so, with a way on.
    await page.goto(link);
    await page.getByRole("heading", { name: "This link is not valid" }).waitFor();
    expect(await page.getByLabel("New password").count()).toBe(0);
    await page.getByRole("link", { name: "Ask for a new link" }).waitFor();
    await screenshot(page, "reset-password-used-link");

    expect(browser.problems).toEqual([]);
    expect(elsewhere.problems).toEqual([]);
  });
});
