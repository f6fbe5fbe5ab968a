import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningApp } from "../http/support/app";
import { activateWithPassword } from "./support/account";
import {
  type BrowserSession,
  currentUser,
  screenshot,
  startAppAndBrowser,
  stopAll,
} from "./support/browser";
import { uniqueEmail, waitForActivationLink } from "./support/mailbox";
import { signUpInBrowser } from "./support/signup";

/** The page refreshes 60 s before the access token expires: a 63 s token is refreshed after ~3 s. */
const ACCESS_TTL_SECONDS = 63;

describe("keeping a browser session alive", () => {
  let app: RunningApp;
  let browser: BrowserSession;
  beforeAll(async () => {
    ({ app, browser } = await startAppAndBrowser({
      ACCESS_TOKEN_TTL_SECONDS: String(ACCESS_TTL_SECONDS),
    }));
  });
  afterAll(() => stopAll(browser, app));

  it("refreshes before the access token expires, in two tabs, without tripping reuse detection", async () => {
    const { page, context } = browser;
    const email = uniqueEmail("refresh");
    await signUpInBrowser(page, app.url, email, "kept alive in the background");
    await page.goto(await waitForActivationLink(app, email, 1));
    await activateWithPassword(page, "kept alive in the background");
    await page.waitForURL(`${app.url}/account`);

    // Every refresh answer, from both tabs: a rotated token used twice would show up as a 401.
    const answers: number[] = [];
    context.on("response", (response) => {
      if (response.url().includes("/api/trpc/session.refresh")) answers.push(response.status());
    });
    const second = await context.newPage();
    await second.goto(`${app.url}/account`);
    await second.getByTestId("account-email").waitFor();

    await new Promise((resolve) => setTimeout(resolve, 8_000));
    expect(answers.length).toBeGreaterThanOrEqual(2);
    expect(answers.every((status) => status === 200)).toBe(true);

    // Both tabs are still signed in, with whatever cookies the last refresh left.
    for (const tab of [page, second]) {
      await tab.reload();
      expect(await tab.getByTestId("account-email").textContent()).toBe(email);
      expect(await currentUser(tab)).toEqual(expect.objectContaining({ email }));
    }
    await screenshot(second, "account-after-silent-refresh");
    await second.close();
    expect(browser.problems).toEqual([]);
  });
});
