import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningApp } from "../http/support/app";
import { type BrowserSession, screenshot, startAppAndBrowser, stopAll } from "./support/browser";
import { printedEmails, uniqueEmail, waitForActivationLink } from "./support/mailbox";
import { signUpInBrowser } from "./support/signup";

describe("logging in to an account that is not activated yet", () => {
  let app: RunningApp;
  let browser: BrowserSession;
  beforeAll(async () => {
    ({ app, browser } = await startAppAndBrowser());
  });
  afterAll(() => stopAll(browser, app));

  it("says so and resends the activation email from the login page", async () => {
    const { page } = browser;
    const email = uniqueEmail("inactive");
    const password = "not activated just yet";
    await signUpInBrowser(page, app.url, email, password);
    const firstLink = await waitForActivationLink(app, email, 1);

    await page.goto(`${app.url}/login`);
    await page.waitForLoadState("networkidle");
    await screenshot(page, "login");
    await page.getByLabel("Email address").fill(email);
    await page.getByLabel("Password", { exact: true }).fill(password);
    await page.getByRole("button", { name: "Log in", exact: true }).click();
    await page.getByText("This account is not activated yet").waitFor();
    expect(page.url()).toBe(`${app.url}/login`);
    await screenshot(page, "login-not-activated");

    await page.getByRole("button", { name: "Send the activation email again" }).click();
    await page.getByText(`We sent a new activation link to ${email}`).waitFor();
    await screenshot(page, "login-activation-resent");
    const secondLink = await waitForActivationLink(app, email, 2);
    expect(secondLink).not.toBe(firstLink);
    expect(printedEmails(app, email)).toHaveLength(2);

    expect(browser.problems).toEqual([]);
  });
});
