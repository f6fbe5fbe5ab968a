import { type FakeOidcProvider, startFakeOidcProvider } from "@latch/fake-oidc";
import { Secret, TOTP } from "otpauth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningApp } from "../http/support/app";
import { accountSection, activeAccountInBrowser, logOutToLoginPage } from "./support/account";
import { accessibilityViolations } from "./support/axe";
import { type BrowserSession, screenshot, startAppAndBrowser, stopAll } from "./support/browser";
import { printedEmails, uniqueEmail } from "./support/mailbox";

/**
 * Logging in with a provider in Chromium, against a real OpenID provider on
 * loopback whose authorize step answers at once for the person it is told.
 */
describe("logging in with a provider in the browser", () => {
  let provider: FakeOidcProvider;
  let app: RunningApp;
  let browser: BrowserSession;
  beforeAll(async () => {
    provider = await startFakeOidcProvider();
    ({ app, browser } = await startAppAndBrowser({
      OIDC_PROVIDERS: "acme",
      OIDC_ACME_ISSUER: provider.url,
      OIDC_ACME_CLIENT_ID: "latch-e2e",
      OIDC_ACME_CLIENT_SECRET: "latch-e2e-secret",
      OIDC_ACME_NAME: "Acme ID",
    }));
  }, 120_000);
  afterAll(() => stopAll(browser, app, provider));

  const continueWithAcme = () => browser.page.getByRole("link", { name: "Continue with Acme ID" });

  it("signs up with the provider's button and keeps the provider as the only way in", async () => {
    const { page } = browser;
    const email = uniqueEmail("provider-new");
    provider.signInAs({ sub: `sub-${email}`, email, email_verified: true });
    await page.goto(`${app.url}/signup`);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, "signup-with-provider");
    await continueWithAcme().click();
    await page.waitForURL(`${app.url}/account`);
    expect(await page.getByTestId("account-email").textContent()).toBe(email);

    const connected = accountSection(page, "Connected accounts");
    await connected.getByRole("listitem").filter({ hasText: "Acme ID" }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, "account-connected-accounts");
    // The last way in stays.
    await connected.getByRole("button", { name: "Disconnect Acme ID" }).click();
    await connected.getByText(/only way to log in to this account/).waitFor();

    await logOutToLoginPage(page, app.url);
    await continueWithAcme().click();
    await page.waitForURL(`${app.url}/account`);
    expect(await page.getByTestId("account-email").textContent()).toBe(email);
    expect(browser.problems).toEqual([]);
  });

  it("asks the owner of an existing account to log in once, then links the provider", async () => {
    const { page } = browser;
    const email = uniqueEmail("provider-link");
    const password = "an old account with a password";
    await activeAccountInBrowser(page, app, email, password);
    await logOutToLoginPage(page, app.url);

    provider.signInAs({ sub: `sub-${email}`, email, email_verified: true });
    await continueWithAcme().click();
    await page.waitForURL((url) => url.pathname === "/login" && url.searchParams.has("link"));
    await page.getByText("Log in to connect Acme ID").waitFor();
    expect(await page.getByLabel("Email address").inputValue()).toBe(email);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, "login-to-link-provider");
    await page.getByLabel("Password", { exact: true }).fill(password);
    await page.getByRole("button", { name: "Log in", exact: true }).click();
    await page.waitForURL(`${app.url}/account`);
    await accountSection(page, "Connected accounts")
      .getByRole("listitem")
      .filter({ hasText: "Acme ID" })
      .waitFor();
    await expect
      .poll(() => printedEmails(app, email).some((mail) => /Acme ID/.test(mail.subject)))
      .toBe(true);

    // From now on the provider logs straight in.
    await logOutToLoginPage(page, app.url);
    await continueWithAcme().click();
    await page.waitForURL(`${app.url}/account`);
    expect(await page.getByTestId("account-email").textContent()).toBe(email);
    expect(browser.problems).toEqual([]);
  });

  it("connects and disconnects a provider from /account, and asks for the second step after it", async () => {
    const { page } = browser;
    const email = uniqueEmail("provider-connect");
    const password = "connect me to acme please";
    await activeAccountInBrowser(page, app, email, password);
    // The provider knows this person under another address: the session proves the account.
    provider.signInAs({
      sub: `sub-${email}`,
      email: "elsewhere@example.org",
      email_verified: true,
    });
    const connected = accountSection(page, "Connected accounts");
    // A new way in: the password first.
    await connected.getByRole("button", { name: "Connect Acme ID" }).click();
    await connected.getByLabel("Your password").fill(password);
    await connected.getByRole("button", { name: "Continue to Acme ID" }).click();
    await page.waitForURL(
      (url) => url.pathname === "/account" && url.searchParams.has("connected"),
    );
    await connected.getByRole("listitem").filter({ hasText: "Acme ID" }).waitFor();

    // Two-step login on: the provider is a first step only.
    const twoStep = accountSection(page, "Two-step login");
    await twoStep.getByRole("button", { name: "Set up two-step login" }).click();
    await twoStep.getByLabel("Your password").fill(password);
    await twoStep.getByRole("button", { name: "Continue" }).click();
    const secret = ((await twoStep.getByTestId("totp-secret").textContent()) ?? "").replace(
      /\s/g,
      "",
    );
    const totp = new TOTP({ secret: Secret.fromBase32(secret) });
    await twoStep.getByLabel("Code from your authenticator app").fill(totp.generate());
    await twoStep.getByRole("button", { name: "Turn on two-step login" }).click();
    await twoStep.getByRole("button", { name: "I saved them" }).click();

    await logOutToLoginPage(page, app.url);
    await continueWithAcme().click();
    const code = page.getByLabel("Code from your authenticator app");
    await code.waitFor();
    // The ticket came in the fragment and is gone from the address bar.
    expect(new URL(page.url()).hash).toBe("");
    await code.fill(totp.generate({ timestamp: Date.now() + 30_000 }));
    await page.getByRole("button", { name: "Continue" }).click();
    await page.waitForURL(`${app.url}/account`);

    await accountSection(page, "Connected accounts")
      .getByRole("button", { name: "Disconnect Acme ID" })
      .click();
    await accountSection(page, "Connected accounts").getByText("Acme ID disconnected").waitFor();
    expect(browser.problems).toEqual([]);
  });

  it("shows why a refused round trip failed on the login page", async () => {
    const { page } = browser;
    provider.signInAs({
      sub: "unverified",
      email: uniqueEmail("unverified"),
      email_verified: "false",
    });
    // The journey before ended logged in on /account.
    await logOutToLoginPage(page, app.url);
    await continueWithAcme().click();
    await page.waitForURL((url) => url.searchParams.get("error") === "PROVIDER_EMAIL_UNVERIFIED");
    await page.getByText(/did not confirm that this email address is yours/).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    // Only reasons of the closed list are ever shown.
    await page.goto(
      `${app.url}/login?error=${encodeURIComponent("Your account is locked, call us")}`,
    );
    expect(await page.getByText("call us").count()).toBe(0);
  });
});
