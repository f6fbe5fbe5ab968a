import type { Response } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningApp } from "../http/support/app";
import { type BrowserSession, screenshot, startAppAndBrowser, stopAll } from "./support/browser";
import { uniqueEmail } from "./support/mailbox";

/** A sentence from zxcvbn-ts's English translations: present only in the estimator's chunks. */
const ESTIMATOR_TEXT = "This is similar to a commonly used password";

const isEstimator = async (response: Response) =>
  response.request().resourceType() === "script" &&
  (await response.text().catch(() => "")).includes(ESTIMATOR_TEXT);

describe("the password strength hint and the common-password rule in a browser", () => {
  let app: RunningApp;
  let browser: BrowserSession;
  beforeAll(async () => {
    ({ app, browser } = await startAppAndBrowser());
  });
  afterAll(() => stopAll(browser, app));

  it("fetches the strength estimator only once the password field is used", async () => {
    const { page } = browser;
    const scripts: Promise<boolean>[] = [];
    const onResponse = (response: Response) => scripts.push(isEstimator(response));
    page.on("response", onResponse);
    await page.goto(`${app.url}/signup`);
    await page.waitForLoadState("networkidle");
    await page.getByLabel("Email address").fill(uniqueEmail("lazy"));
    page.off("response", onResponse);
    expect(scripts.length).toBeGreaterThan(0);
    expect(await Promise.all(scripts)).not.toContain(true);

    const fetched = page.waitForResponse(isEstimator);
    await page.getByLabel("Password", { exact: true }).focus();
    await fetched;
    await page.getByLabel("Password", { exact: true }).fill("plum tractor whisper canyon");
    await page.getByText("Strength: Strong · 27 characters").waitFor();
    expect(browser.problems).toEqual([]);
  });

  it("rates Password1234! Weak with advice, and counts the address against the password", async () => {
    const { page } = browser;
    await page.goto(`${app.url}/signup`);
    await page.waitForLoadState("networkidle");
    const password = page.getByLabel("Password", { exact: true });
    await password.fill("Password1234!");
    await page.getByText("Strength: Weak · 13 characters").waitFor();
    await page.getByText("This is similar to a commonly used password.").waitFor();
    await screenshot(page, "signup-password-hint-weak");

    // The same password rates lower once it turns out to be made of the address.
    await password.fill("annsmith2024!");
    await page.getByText("Strength: Good · 13 characters").waitFor();
    await page.getByLabel("Email address").fill("ann.smith@example.com");
    await page.getByText("Strength: Fair · 13 characters").waitFor();
    await page.getByText("There should not be any personal or page related data.").waitFor();
    expect(browser.problems).toEqual([]);
  });

  it("shows a refused common password at the password field, and keeps the form", async () => {
    const { page } = browser;
    const email = uniqueEmail("common");
    await page.goto(`${app.url}/signup`);
    await page.waitForLoadState("networkidle");
    await page.getByLabel("Email address").fill(email);
    await page.getByLabel("Password", { exact: true }).fill("iloveyou");
    await page.getByRole("button", { name: "Create account" }).click();

    await page
      .getByText("This password is too common. Choose one that is harder to guess.")
      .waitFor();
    const field = page.getByLabel("Password", { exact: true });
    expect(await field.getAttribute("aria-invalid")).toBe("true");
    expect(await field.evaluate((input) => input === document.activeElement)).toBe(true);
    await screenshot(page, "signup-password-too-common");

    await field.fill("plum tractor whisper canyon");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByRole("heading", { name: "Check your inbox" }).waitFor();
    expect(browser.problems).toEqual([]);
  });
});
