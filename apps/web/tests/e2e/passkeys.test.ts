import { Secret, TOTP } from "otpauth";
import type { CDPSession, Page } from "playwright-core";
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
import { printedEmails, uniqueEmail } from "./support/mailbox";

/**
 * A platform authenticator that holds discoverable credentials (DevTools).
 * `verifies(false)` makes it stop verifying its user, so it fails Latch's
 * requirement: the login page's autofill request, which a virtual
 * authenticator answers at once, then signs nobody in.
 */
async function addVirtualAuthenticator(page: Page) {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
    },
  });
  return {
    verifies: (isUserVerified: boolean) =>
      cdp.send("WebAuthn.setUserVerified", { authenticatorId, isUserVerified }),
  };
}

describe("passkeys in the browser", () => {
  let app: RunningApp;
  let browser: BrowserSession;
  beforeAll(async () => {
    // WebAuthn refuses an IP address as an RP ID: APP_URL names localhost.
    ({ app, browser } = await startAppAndBrowser({}, { hostName: "localhost" }));
  });
  afterAll(() => stopAll(browser, app));

  it("adds a passkey on /account, signs in with it alone, then as the second step", async () => {
    const { page } = browser;
    const authenticator = await addVirtualAuthenticator(page);
    const email = uniqueEmail("passkey");
    const password = "a key and a password";
    await activeAccountInBrowser(page, app, email, password);

    const section = accountSection(page, "Two-step login");
    await section.getByText("No passkeys yet.").waitFor();
    await section.getByRole("button", { name: "Add a passkey" }).click();
    await section.getByLabel("Passkey name").fill("Laptop");
    await section.getByLabel("Your password").fill(password);
    expect(await accessibilityViolations(page)).toEqual([]);
    await section.getByRole("button", { name: "Add passkey" }).click();
    await section.getByText("Passkey “Laptop” added").waitFor();
    const list = section.getByRole("list", { name: "Your passkeys" });
    await list.getByRole("button", { name: "Rename Laptop" }).waitFor();
    expect(await list.getByText("never used").count()).toBe(1);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, "account-passkeys");
    await expect
      .poll(() => printedEmails(app, email).map((sent) => sent.subject))
      .toContain("Security alert: a passkey was added on your Latch account");

    await section.getByRole("button", { name: "Rename Laptop" }).click();
    await section.getByLabel("New name for “Laptop”").fill("Work laptop");
    await section.getByRole("button", { name: "Save name" }).click();
    await list.getByRole("button", { name: "Rename Work laptop" }).waitFor();

    // Conditional UI: the login page's autofill request signs in with the passkey alone
    // (a virtual authenticator answers it without waiting for a pick from the autofill).
    await logOutToLoginPage(page, app.url);
    await page.waitForURL(`${app.url}/account`);
    expect(await page.getByTestId("account-email").textContent()).toBe(email);
    await accountSection(page, "Two-step login")
      .getByText(/last used/)
      .waitFor();

    // The button: with the autofill request failed, the page waits for the person.
    await authenticator.verifies(false);
    await logOutToLoginPage(page, app.url);
    const emailField = page.getByLabel("Email address");
    expect(await emailField.getAttribute("autocomplete")).toBe("username webauthn");
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, "login-passkey");
    await authenticator.verifies(true);
    await page.getByRole("button", { name: "Log in with a passkey" }).click();
    await page.waitForURL(`${app.url}/account`);
    expect(await page.getByTestId("account-email").textContent()).toBe(email);

    // With TOTP on, the password's second step offers the passkey.
    await enableTotp(page, password);
    await authenticator.verifies(false);
    await logOutToLoginPage(page, app.url);
    await fillLogin(page, email, password);
    const usePasskey = page.getByRole("button", { name: "Use a passkey" });
    await usePasskey.waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, "login-second-step-passkey");
    await authenticator.verifies(true);
    await usePasskey.click();
    await page.waitForURL(`${app.url}/account`);
    await page.getByTestId("account-email").waitFor();

    // Removed, it is gone from the list, and the owner is told.
    const again = accountSection(page, "Two-step login");
    await again.getByRole("button", { name: "Remove Work laptop" }).click();
    await again.getByText("No passkeys yet.").waitFor();
    await expect
      .poll(() => printedEmails(app, email).map((sent) => sent.subject))
      .toContain("Security alert: a passkey was removed on your Latch account");

    expect(browser.problems).toEqual([]);
  }, 120_000);
});

/** Turns on TOTP from /account with a code computed from the key the page shows. */
async function enableTotp(page: Page, password: string) {
  const section = accountSection(page, "Two-step login");
  await section.getByRole("button", { name: "Set up two-step login" }).click();
  await section.getByLabel("Your password").fill(password);
  await section.getByRole("button", { name: "Continue" }).click();
  const secret = ((await section.getByTestId("totp-secret").textContent()) ?? "").replace(
    /\s/g,
    "",
  );
  const code = new TOTP({ secret: Secret.fromBase32(secret) }).generate();
  await section.getByLabel("Code from your authenticator app").fill(code);
  await section.getByRole("button", { name: "Turn on two-step login" }).click();
  await section.getByRole("button", { name: "I saved them" }).click();
}
