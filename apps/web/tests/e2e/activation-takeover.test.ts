import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningApp } from "../http/support/app";
import { call } from "../http/support/client";
import { type BrowserSession, screenshot, startAppAndBrowser, stopAll } from "./support/browser";
import { uniqueEmail, waitForActivationLink } from "./support/mailbox";

describe("activating an address someone else signed up, in a browser", () => {
  let app: RunningApp;
  let browser: BrowserSession;
  beforeAll(async () => {
    ({ app, browser } = await startAppAndBrowser());
  });
  afterAll(() => stopAll(browser, app));

  it("the owner's password does not fit, the owner chooses a new one, the attacker's dies", async () => {
    const { page } = browser;
    const email = uniqueEmail("takeover");
    // The attacker signs the owner's address up; the link lands in the owner's inbox.
    await call(app.url, "auth.signup", { input: { email, password: "the attacker's passphrase" } });
    await page.goto(await waitForActivationLink(app, email, 1));
    await page.waitForLoadState("networkidle");

    // A password manager finds the account: the address as a hidden username.
    const username = page.locator('input[autocomplete="username"]');
    expect(await username.getAttribute("value")).toBe(email);
    const current = page.getByLabel("Password", { exact: true });
    expect(await current.getAttribute("autocomplete")).toBe("current-password");
    await screenshot(page, "activate-confirm-password");

    await current.fill("the owner's own passphrase");
    await page.getByRole("button", { name: "Activate my account" }).click();
    await page.getByText("Not the password this link was sent for", { exact: true }).waitFor();
    await screenshot(page, "activate-password-mismatch");

    await page.getByRole("button", { name: "Choose a new password instead" }).click();
    const chosen = page.getByLabel("New password");
    expect(await chosen.getAttribute("autocomplete")).toBe("new-password");
    await chosen.fill("the owner's fresh passphrase");
    await page.getByRole("button", { name: "Set password and activate" }).click();
    await page.waitForURL(`${app.url}/account`);
    expect(await page.getByTestId("account-email").textContent()).toBe(email);

    const login = (password: string) => call(app.url, "auth.login", { input: { email, password } });
    expect((await login("the attacker's passphrase")).reason).toBe("INVALID_CREDENTIALS");
    expect((await login("the owner's fresh passphrase")).status).toBe(200);
    expect(browser.problems).toEqual([]);
  });
});
