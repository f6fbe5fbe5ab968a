import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningApp } from "../http/support/app";
import { activeAccountInBrowser, overflowsHorizontally } from "./support/account";
import {
  type BrowserSession,
  currentUser,
  screenshot,
  startAppAndBrowser,
  stopAll,
} from "./support/browser";
import { uniqueEmail } from "./support/mailbox";

describe("the site header in a browser", () => {
  let app: RunningApp;
  let browser: BrowserSession;
  beforeAll(async () => {
    ({ app, browser } = await startAppAndBrowser());
  });
  afterAll(() => stopAll(browser, app));

  it("offers the ways in to a visitor, and names who is logged in, with their account and a way out", async () => {
    const { page } = browser;
    const header = page.getByRole("banner");
    await page.goto(app.url);
    await page.waitForLoadState("networkidle");
    await header.getByRole("link", { name: "Sign up" }).waitFor();
    await header.getByRole("link", { name: "Log in" }).waitFor();
    expect(await header.getByRole("button", { name: "Log out" }).count()).toBe(0);

    const email = uniqueEmail("header-with-a-rather-long-address");
    await activeAccountInBrowser(page, app, email, "a header that knows me");
    await header.getByText("Logged in as").waitFor();
    expect(await header.getByRole("link", { name: email }).getAttribute("href")).toBe("/account");
    expect(await header.getByRole("link", { name: "Log in" }).count()).toBe(0);

    // Rendered by the server as well, not only by the page's script.
    const html = await (await page.request.get(`${app.url}/`)).text();
    expect(html).toContain(email);
    expect(html).not.toContain(">Sign up</a>");

    // Moving around keeps it, on a phone too.
    await header.getByRole("link", { name: "Latch" }).click();
    await page.waitForURL(`${app.url}/`);
    await header.getByRole("link", { name: email }).waitFor();
    await page.setViewportSize({ width: 375, height: 740 });
    expect(await overflowsHorizontally(page)).toBe(false);
    await screenshot(page, "header-logged-in-phone");
    await page.setViewportSize({ width: 1280, height: 800 });

    await header.getByRole("button", { name: "Log out" }).click();
    await page.waitForURL(`${app.url}/login?loggedOut=1`);
    await page.getByText("You are logged out").waitFor();
    await header.getByRole("link", { name: "Log in" }).waitFor();
    expect(await header.getByText(email).count()).toBe(0);
    expect(await currentUser(page)).toBeNull();
    await screenshot(page, "header-logged-out");
    expect(browser.problems).toEqual([]);
  });
});
