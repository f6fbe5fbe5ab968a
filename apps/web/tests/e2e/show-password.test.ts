import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningApp } from "../http/support/app";
import { type BrowserSession, startAppAndBrowser, stopAll } from "./support/browser";

describe("showing a password as it is typed", () => {
  let app: RunningApp;
  let browser: BrowserSession;
  beforeAll(async () => {
    ({ app, browser } = await startAppAndBrowser());
  });
  afterAll(() => stopAll(browser, app));

  it("switches the field with a keyboard-operable toggle, keeps its autofill purpose, and hides it on submit", async () => {
    const { page } = browser;
    await page.goto(`${app.url}/login`);
    await page.waitForLoadState("networkidle");
    const field = page.getByLabel("Password", { exact: true });
    const toggle = page.getByRole("button", { name: "Show password" });
    const state = async () => ({
      type: await field.getAttribute("type"),
      autocomplete: await field.getAttribute("autocomplete"),
      pressed: await toggle.getAttribute("aria-pressed"),
      value: await field.inputValue(),
    });

    await page.getByLabel("Email address").fill("nobody@example.com");
    await field.fill("let me see this");
    expect(await state()).toEqual({
      type: "password",
      autocomplete: "current-password",
      pressed: "false",
      value: "let me see this",
    });

    // Right after the field in the tab order, and both keys a button answers to work.
    await field.focus();
    await page.keyboard.press("Tab");
    expect(await toggle.evaluate((button) => button === document.activeElement)).toBe(true);
    await page.keyboard.press("Space");
    expect(await state()).toEqual({
      type: "text",
      autocomplete: "current-password",
      pressed: "true",
      value: "let me see this",
    });
    await page.keyboard.press("Enter");
    expect((await state()).type).toBe("password");

    // A shown password goes back to hidden when its form is sent (password managers look then).
    await toggle.click();
    expect((await state()).type).toBe("text");
    await page.getByRole("button", { name: "Log in", exact: true }).click();
    await page.getByText("The email or password is incorrect.").waitFor();
    expect(await state()).toMatchObject({ type: "password", pressed: "false" });
    expect(browser.problems).toEqual([]);
  });
});
