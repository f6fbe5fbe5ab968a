import { Secret, TOTP } from "otpauth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningApp } from "../http/support/app";
import {
  accountSection,
  activeAccountInBrowser,
  fillLogin,
  logOutToLoginPage,
} from "./support/account";
import { accessibilityViolations } from "./support/axe";
import { type BrowserSession, screenshot, startAppAndBrowser, stopAll } from "./support/browser";
import { uniqueEmail } from "./support/mailbox";

/** The code an authenticator app shows now for the key the page displayed. */
const codeNow = (secret: string) => new TOTP({ secret: Secret.fromBase32(secret) }).generate();

/** Each code is accepted once: wait for the app's next one when this one was used. */
async function freshCode(secret: string, used: Set<string>): Promise<string> {
  for (;;) {
    const code = codeNow(secret);
    if (!used.has(code)) {
      used.add(code);
      return code;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe("two-step login in the browser", () => {
  let app: RunningApp;
  let browser: BrowserSession;
  beforeAll(async () => {
    ({ app, browser } = await startAppAndBrowser());
  });
  afterAll(() => stopAll(browser, app));

  it("turns on TOTP from /account, then signs in with a computed code and with a recovery code", async () => {
    const { page } = browser;
    const email = uniqueEmail("two-step");
    const password = "a phone and a password";
    const used = new Set<string>();
    await activeAccountInBrowser(page, app, email, password);

    const section = accountSection(page, "Two-step login");
    await section.getByText("Off. Logging in takes only your password.").waitFor();
    await section.getByRole("button", { name: "Set up two-step login" }).click();
    await section.getByLabel("Your password").fill(password);
    await section.getByRole("button", { name: "Continue" }).click();
    await section.getByRole("img", { name: /QR code/ }).waitFor();
    const secret = ((await section.getByTestId("totp-secret").textContent()) ?? "").replace(
      /\s/g,
      "",
    );
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, "account-two-step-enrol");

    await section
      .getByLabel("Code from your authenticator app")
      .fill(await freshCode(secret, used));
    await section.getByRole("button", { name: "Turn on two-step login" }).click();
    const codes = section.getByTestId("recovery-codes").locator("code");
    await codes.first().waitFor();
    const recoveryCodes = await codes.allTextContents();
    expect(recoveryCodes).toHaveLength(10);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, "account-two-step-recovery-codes");
    await section.getByRole("button", { name: "I saved them" }).click();
    await section.getByText(/^On since .*\. 10 recovery codes left\.$/).waitFor();

    // The password alone no longer signs in: the second step asks for the app's code.
    await logOutToLoginPage(page, app.url);
    await fillLogin(page, email, password);
    const code = page.getByLabel("Code from your authenticator app");
    await code.waitFor();
    expect(await code.getAttribute("autocomplete")).toBe("one-time-code");
    expect(await code.getAttribute("inputmode")).toBe("numeric");
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, "login-second-step");
    await code.fill(await freshCode(secret, used));
    await page.getByRole("button", { name: "Continue" }).click();
    await page.waitForURL(`${app.url}/account`);
    await page.getByTestId("account-email").waitFor();

    // A recovery code, once.
    await logOutToLoginPage(page, app.url);
    await fillLogin(page, email, password);
    await page.getByRole("button", { name: "Use a recovery code instead" }).click();
    await page.getByLabel("Recovery code").fill(recoveryCodes[0] ?? "");
    await page.getByRole("button", { name: "Continue" }).click();
    await page.waitForURL(`${app.url}/account`);
    await accountSection(page, "Two-step login")
      .getByText(/9 recovery codes left\.$/)
      .waitFor();

    expect(browser.problems).toEqual([]);
  });
});
