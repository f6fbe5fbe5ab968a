import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningApp } from "../http/support/app";
import { activeAccountInBrowser, logOutToLoginPage } from "./support/account";
import { accessibilityViolations } from "./support/axe";
import {
  type BrowserSession,
  currentUser,
  openBrowser,
  recordApiCalls,
  screenshot,
  startAppAndBrowser,
  stopAll,
} from "./support/browser";
import { uniqueEmail, waitForLoginEmail } from "./support/mailbox";

const PASSWORD = "correct horse battery staple";

/** An activated account, and the browser signed out of it, on the login page. */
async function signedOutAccount(page: Page, app: RunningApp, label: string): Promise<string> {
  const email = uniqueEmail(label);
  await activeAccountInBrowser(page, app, email, PASSWORD);
  await logOutToLoginPage(page, app.url);
  return email;
}

/** From /login to the check-inbox screen of /login/email, as a person gets there. */
async function askForLoginEmail(page: Page, email: string): Promise<void> {
  await page.getByRole("link", { name: "Log in with an email link instead" }).click();
  await page.getByRole("heading", { name: "Log in with an email link" }).waitFor();
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Email me a login link" }).click();
  await page.getByRole("heading", { name: "Check your inbox" }).waitFor();
}

/** A 6-digit code that is surely not `code`. */
const otherCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, "0");

describe("logging in by email in a browser", () => {
  let app: RunningApp;
  let browser: BrowserSession;
  beforeAll(async () => {
    ({ app, browser } = await startAppAndBrowser());
  });
  afterAll(() => stopAll(browser, app));

  it("logs in by the emailed link only when its button is pressed, and the link works once", async () => {
    const { page } = browser;
    const email = await signedOutAccount(page, app, "email-link");
    await askForLoginEmail(page, email);
    expect(await page.getByText("If an account exists for").textContent()).toContain(email);

    // Opening the link is what a mail scanner does, perhaps twice: it must change nothing.
    const { link } = await waitForLoginEmail(app, email);
    const calls = recordApiCalls(page);
    await page.goto(link);
    await page.waitForLoadState("networkidle");
    await page.reload();
    await page.waitForLoadState("networkidle");
    await page.getByRole("heading", { name: "Log in", exact: true }).waitFor();
    expect(await page.getByRole("main").textContent()).toContain(email);
    expect(calls.filter((call) => call.method === "POST")).toEqual([]);
    expect(await currentUser(page)).toBeNull();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, "login-email-link");

    await page.getByRole("main").getByRole("button", { name: "Log in", exact: true }).click();
    await page.waitForURL(`${app.url}/account`);
    expect(await page.getByTestId("account-email").textContent()).toBe(email);
    expect(calls.filter((call) => call.path === "session.passwordless.verify")).toHaveLength(1);

    // Spent: the same link now opens on saying so, with a way to a new email.
    await page.goto(link);
    await page.getByRole("heading", { name: "This link is not valid" }).waitFor();
    expect(await page.getByRole("main").getByRole("button", { name: "Log in" }).count()).toBe(0);
    const newLink = page.getByRole("link", { name: "Email me a new link" });
    expect(await newLink.getAttribute("href")).toBe("/login/email");
    await screenshot(page, "login-email-used-link");

    expect(browser.problems).toEqual([]);
  });

  it("logs in by the code typed on the check-inbox screen", async () => {
    const { page } = browser;
    const email = await signedOutAccount(page, app, "email-code");
    await page.getByRole("link", { name: "Log in with an email link instead" }).click();
    await page.getByRole("heading", { name: "Log in with an email link" }).waitFor();
    await page.waitForLoadState("networkidle");
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, "login-email");

    await page.getByLabel("Email address").fill(email);
    await page.getByRole("button", { name: "Email me a login link" }).click();
    await page.getByRole("heading", { name: "Check your inbox" }).waitFor();
    const field = page.getByLabel("Code from the email");
    expect(await field.getAttribute("inputmode")).toBe("numeric");
    expect(await field.getAttribute("autocomplete")).toBe("one-time-code");
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, "login-email-check-inbox");

    const { code } = await waitForLoginEmail(app, email);
    // Typed as the email prints it, in two groups of three.
    await field.fill(`${code.slice(0, 3)} ${code.slice(3)}`);
    await page.getByRole("button", { name: "Log in", exact: true }).click();
    await page.waitForURL(`${app.url}/account`);
    expect(await page.getByTestId("account-email").textContent()).toBe(email);

    expect(browser.problems).toEqual([]);
  });

  it("the code typed where the person asked logs that browser in; the link opened on a second device then says it was used", async () => {
    const { page } = browser;
    const email = await signedOutAccount(page, app, "email-two-devices");
    await askForLoginEmail(page, email);
    const { link, code } = await waitForLoginEmail(app, email);

    // The email is read on another device: opening the link there spends nothing.
    const phone = await openBrowser();
    try {
      await phone.page.goto(link);
      await phone.page.getByRole("heading", { name: "Log in", exact: true }).waitFor();

      await page.getByLabel("Code from the email").fill(code);
      await page.getByRole("button", { name: "Log in", exact: true }).click();
      await page.waitForURL(`${app.url}/account`);
      expect(await page.getByTestId("account-email").textContent()).toBe(email);

      // The code spent the email: the button on the other device no longer logs anyone in.
      await phone.page
        .getByRole("main")
        .getByRole("button", { name: "Log in", exact: true })
        .click();
      await phone.page
        .getByText(/not valid|used/i)
        .first()
        .waitFor();
      expect(await currentUser(phone.page)).toBeNull();
      expect(phone.problems).toEqual([]);
    } finally {
      await phone.close();
    }
    expect(browser.problems).toEqual([]);
  });

  it("says a wrong code is not valid, in a live region, and the right code still logs in", async () => {
    const { page } = browser;
    const email = await signedOutAccount(page, app, "email-wrong-code");
    await askForLoginEmail(page, email);
    const { code } = await waitForLoginEmail(app, email);

    const field = page.getByLabel("Code from the email");
    await field.fill(otherCode(code));
    await page.getByRole("button", { name: "Log in", exact: true }).click();
    const message = page.getByText("That code is not valid.");
    await message.waitFor();
    expect(await message.evaluate((node) => node.closest("[aria-live]") !== null)).toBe(true);
    expect(await field.getAttribute("aria-invalid")).toBe("true");
    expect(page.url()).toBe(`${app.url}/login/email`);
    expect(await currentUser(page)).toBeNull();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, "login-email-wrong-code");

    await field.fill(code);
    await page.getByRole("button", { name: "Log in", exact: true }).click();
    await page.waitForURL(`${app.url}/account`);
    expect(await page.getByTestId("account-email").textContent()).toBe(email);

    expect(browser.problems).toEqual([]);
  });

  it("offers the email link on the login page after a wrong password", async () => {
    const { page } = browser;
    const email = await signedOutAccount(page, app, "email-offer");
    await page.getByLabel("Email address").fill(email);
    await page.getByLabel("Password", { exact: true }).fill("not the password at all");
    await page.getByRole("button", { name: "Log in", exact: true }).click();
    await page.getByText("The email or password is incorrect.").waitFor();
    const offer = page.getByRole("link", { name: "Email me a login link", exact: true });
    expect(await offer.evaluate((node) => node.closest("[aria-live]") !== null)).toBe(true);
    await offer.click();
    await page.waitForURL(`${app.url}/login/email`);
    await page.getByRole("heading", { name: "Log in with an email link" }).waitFor();

    expect(browser.problems).toEqual([]);
  });
});
