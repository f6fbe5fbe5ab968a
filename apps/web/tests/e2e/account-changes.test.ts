import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningApp } from "../http/support/app";
import { failureReason, typedClient, withTokens } from "../http/support/client";
import { accountSection, activeAccountInBrowser, fillLogin } from "./support/account";
import {
  type BrowserSession,
  currentUser,
  recordApiCalls,
  screenshot,
  startAppAndBrowser,
  stopAll,
} from "./support/browser";
import { LINKS, printedEmails, uniqueEmail, waitForLink } from "./support/mailbox";

describe("changing and deleting an account in a browser", () => {
  let app: RunningApp;
  let browser: BrowserSession;
  beforeAll(async () => {
    ({ app, browser } = await startAppAndBrowser());
  });
  afterAll(() => stopAll(browser, app));

  it("changes the address through a link to the new inbox, confirmed only on a button press", async () => {
    const { page } = browser;
    const email = uniqueEmail("old-address");
    const newEmail = uniqueEmail("new-address");
    const password = "moving to a new inbox";
    await activeAccountInBrowser(page, app, email, password);

    const section = accountSection(page, "Change your email address");
    await section.getByLabel("New email address").fill(newEmail);
    await section.getByLabel("Your password").fill(password);
    await section.getByRole("button", { name: "Send a confirmation link" }).click();
    await section.getByText("Check the new inbox").waitFor();
    await screenshot(page, "account-email-change-sent");
    const link = await waitForLink(app, newEmail, LINKS.emailChange);
    // The old address hears about it too, in case the request was not the owner's.
    await expect
      .poll(() => printedEmails(app, email).map((sent) => sent.subject))
      .toContain("Someone asked to change your Latch email address");

    const calls = recordApiCalls(page);
    await page.goto(link);
    await page.waitForLoadState("networkidle");
    await page.getByRole("heading", { name: "Confirm your new email address" }).waitFor();
    expect(await page.getByRole("main").textContent()).toContain(newEmail);
    await screenshot(page, "confirm-email");
    expect(calls.filter((call) => call.method === "POST")).toEqual([]);

    await page.getByRole("button", { name: "Confirm my new address" }).click();
    await page.getByRole("heading", { name: "Your email address was changed" }).waitFor();
    expect(await page.getByTestId("changed-email").textContent()).toBe(newEmail);
    await screenshot(page, "confirm-email-done");

    await page.getByRole("link", { name: "Go to your account" }).click();
    await page.waitForURL(`${app.url}/account`);
    expect(await page.getByTestId("account-email").textContent()).toBe(newEmail);
    expect(await currentUser(page)).toEqual(expect.objectContaining({ email: newEmail }));

    // Used: the link opens on saying so, with nothing left to press.
    await page.goto(link);
    await page.getByRole("heading", { name: "This link is not valid" }).waitFor();
    expect(await page.getByRole("button", { name: "Confirm my new address" }).count()).toBe(0);
    await screenshot(page, "confirm-email-used-link");
    expect(browser.problems).toEqual([]);
  });

  it("changes the password, keeping this session and ending the others", async () => {
    const { page } = browser;
    const email = uniqueEmail("change-password");
    const password = "the password before";
    const newPassword = "the password after the change";
    await activeAccountInBrowser(page, app, email, password);
    const api = withTokens(await typedClient(app.url).auth.login.mutate({ email, password }));

    const section = accountSection(page, "Change your password");
    await section.getByLabel("Current password").fill("not the password");
    await section.getByLabel("New password").fill(newPassword);
    await section.getByRole("button", { name: "Change password" }).click();
    await section.getByText("That is not your current password.").waitFor();
    await screenshot(page, "account-password-wrong");

    await section.getByLabel("Current password").fill(password);
    await section.getByRole("button", { name: "Change password" }).click();
    await section.getByText("Your password was changed").waitFor();
    await screenshot(page, "account-password-changed");
    expect(await section.getByLabel("Current password").inputValue()).toBe("");

    await page.reload();
    expect(await page.getByTestId("account-email").textContent()).toBe(email);
    expect(await currentUser(page)).toEqual(expect.objectContaining({ email }));
    expect(
      await failureReason(
        typedClient(app.url).auth.refresh.mutate({ refresh: api.tokens.refresh }),
      ),
    ).toBe("SESSION_REVOKED");
    expect(browser.problems).toEqual([]);
  });

  it("deletes the account after the password is typed, clears the cookies and says goodbye", async () => {
    const { page, context } = browser;
    const email = uniqueEmail("delete");
    const password = "about to leave for good";
    await activeAccountInBrowser(page, app, email, password);

    const section = accountSection(page, "Delete your account");
    const background = (name: string) =>
      section
        .getByRole("button", { name })
        .evaluate((button) => getComputedStyle(button).backgroundColor);
    // Both presses that lead to deleting look dangerous, the first one too.
    const opener = await background("Delete my account…");
    await section.getByRole("button", { name: "Delete my account…" }).click();
    expect(opener).toBe(await background("Delete my account for good"));
    const confirm = section.getByLabel("Your password");
    expect(await confirm.evaluate((input) => input === document.activeElement)).toBe(true);
    await confirm.fill("not my password");
    await section.getByRole("button", { name: "Delete my account for good" }).click();
    await section.getByText("That is not your current password.").waitFor();
    await screenshot(page, "account-delete-confirm");

    await confirm.fill(password);
    await section.getByRole("button", { name: "Delete my account for good" }).click();
    await page.waitForURL(`${app.url}/?account=deleted`);
    await page.getByText("Your account was deleted").waitFor();
    await page.getByRole("banner").getByRole("link", { name: "Log in" }).waitFor();
    await screenshot(page, "goodbye");
    expect(await currentUser(page)).toBeNull();
    const cookies = await context.cookies();
    expect(cookies.filter((cookie) => cookie.name.startsWith("latch_"))).toEqual([]);

    await page.goto(`${app.url}/login`);
    await page.waitForLoadState("networkidle");
    await fillLogin(page, email, password);
    await page.getByText("The email or password is incorrect.").waitFor();
    expect(browser.problems).toEqual([]);
  });
});
