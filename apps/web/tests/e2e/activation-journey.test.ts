import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningApp } from "../http/support/app";
import { activateWithPassword } from "./support/account";
import {
  type BrowserSession,
  currentUser,
  recordApiCalls,
  screenshot,
  startAppAndBrowser,
  stopAll,
} from "./support/browser";
import { uniqueEmail, waitForActivationLink } from "./support/mailbox";

describe("signing up and activating in a browser", () => {
  let app: RunningApp;
  let browser: BrowserSession;
  beforeAll(async () => {
    ({ app, browser } = await startAppAndBrowser());
  });
  afterAll(() => stopAll(browser, app));

  it("signs up, activates only on a button press, stays logged in, and logs out", async () => {
    const { page, context } = browser;
    const email = uniqueEmail("journey");

    await page.goto(`${app.url}/signup`);
    await page.waitForLoadState("networkidle");
    await screenshot(page, "signup");
    await page.getByLabel("Email address").fill(email);
    await page.getByLabel("Password", { exact: true }).fill("correct horse battery staple");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByRole("heading", { name: "Check your inbox" }).waitFor();
    expect(await page.getByText(email).count()).toBeGreaterThan(0);
    await screenshot(page, "signup-check-inbox");

    // Opening the link is what a mail scanner does: it must change nothing.
    const link = await waitForActivationLink(app, email, 1);
    const calls = recordApiCalls(page);
    await page.goto(link);
    await page.waitForLoadState("networkidle");
    await page.getByRole("heading", { name: "Activate your account" }).waitFor();
    await screenshot(page, "activate-landing");
    expect(calls.filter((call) => call.method === "POST")).toEqual([]);
    expect(await currentUser(page)).toBeNull();

    await activateWithPassword(page, "correct horse battery staple");
    await page.waitForURL(`${app.url}/account`);
    expect(await page.getByTestId("account-email").textContent()).toBe(email);
    await screenshot(page, "account");

    await page.reload();
    expect(await page.getByTestId("account-email").textContent()).toBe(email);
    expect(await currentUser(page)).toEqual(expect.objectContaining({ email }));

    // Without the access cookie (it expired) the server renews the session before rendering:
    // the page arrives signed in, and the browser makes no refresh call of its own.
    // (From a blank page, so no script of the old one can notice the missing cookie first.)
    await page.goto("about:blank");
    await context.clearCookies({ name: "latch_access" });
    const refreshes = recordApiCalls(page);
    const renewed = await page.goto(`${app.url}/account`);
    expect(await renewed?.headerValue("set-cookie")).toMatch(/latch_access=/);
    expect(await page.getByTestId("account-email").textContent()).toBe(email);
    expect(refreshes.filter((call) => call.path === "session.refresh")).toHaveLength(0);
    expect((await context.cookies()).map((cookie) => cookie.name)).toContain("latch_access");

    // The key was spent by the activation: the same link now says so at once, and leads on.
    await page.goto(link);
    await page.getByRole("heading", { name: "Your account is already active" }).waitFor();
    await page.getByRole("link", { name: "Go to your account" }).click();
    await page.waitForURL(`${app.url}/account`);

    await page.getByRole("main").getByRole("button", { name: "Log out" }).click();
    await page.waitForURL(`${app.url}/login?loggedOut=1`);
    await page.getByText("You are logged out").waitFor();
    await screenshot(page, "login-after-logout");
    expect(await currentUser(page)).toBeNull();

    await page.goto(`${app.url}/account`);
    await page.waitForURL(`${app.url}/login?returnTo=%2Faccount`);

    await page.goto(link);
    await page.getByRole("heading", { name: "Your account is already active" }).waitFor();
    await page.getByRole("main").getByRole("link", { name: "Log in" }).waitFor();
    await screenshot(page, "activate-used-link");

    expect(browser.problems).toEqual([]);
  });

  it("has no development mailbox in a production build", async () => {
    const response = await fetch(`${app.url}/dev/mailbox`);
    expect(response.status).toBe(404);
  });
});
