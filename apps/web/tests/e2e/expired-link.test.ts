import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningApp } from "../http/support/app";
import { activateWithPassword } from "./support/account";
import { type BrowserSession, screenshot, startAppAndBrowser, stopAll } from "./support/browser";
import { uniqueEmail, waitForActivationLink } from "./support/mailbox";
import { signUpInBrowser } from "./support/signup";

describe("an expired activation link", () => {
  let app: RunningApp;
  let browser: BrowserSession;
  beforeAll(async () => {
    ({ app, browser } = await startAppAndBrowser({ ACTIVATION_KEY_TTL_SECONDS: "2" }));
  });
  afterAll(() => stopAll(browser, app));

  it("offers a new link, and the new link activates the account", async () => {
    const { page } = browser;
    const email = uniqueEmail("expired");
    await signUpInBrowser(page, app.url, email, "an expired link is no dead end");
    const oldLink = await waitForActivationLink(app, email, 1);
    await new Promise((resolve) => setTimeout(resolve, 3_000));

    // The page knows at once: an expired link opens on the way to a new one.
    await page.goto(oldLink);
    await page.waitForLoadState("networkidle");
    await page.getByRole("heading", { name: "This link has expired" }).waitFor();
    await screenshot(page, "activate-expired");

    await page.getByRole("button", { name: "Send me a new link" }).click();
    await page.getByText("A new link is on its way").waitFor();
    await screenshot(page, "activate-expired-new-link-sent");

    // The new key lives for 2 s too: open it and press the button straight away.
    const newLink = await waitForActivationLink(app, email, 2);
    expect(newLink).not.toBe(oldLink);
    await page.goto(newLink);
    await activateWithPassword(page, "an expired link is no dead end");
    await page.waitForURL(`${app.url}/account`);
    expect(await page.getByTestId("account-email").textContent()).toBe(email);
    await screenshot(page, "account-after-new-link");

    expect(browser.problems).toEqual([]);
  });
});
