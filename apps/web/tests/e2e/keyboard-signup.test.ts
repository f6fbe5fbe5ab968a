import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningApp } from "../http/support/app";
import {
  type BrowserSession,
  recordApiCalls,
  screenshot,
  startAppAndBrowser,
  stopAll,
} from "./support/browser";
import { uniqueEmail } from "./support/mailbox";

interface Focused {
  tag: string;
  name: string | null;
  text: string;
  /** A keyboard user must see where focus is. */
  ringVisible: boolean;
}

function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    const style = element ? getComputedStyle(element) : null;
    return {
      tag: element?.tagName.toLowerCase() ?? "",
      name: element?.getAttribute("name") ?? null,
      // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is the point; a pending button's invisible label is not seen
      text: element?.innerText.trim() ?? "",
      ringVisible: !!style && style.outlineStyle !== "none" && style.outlineWidth !== "0px",
    };
  });
}

/** Presses Tab until the named field has focus, checking every stop on the way shows a ring. */
async function tabTo(page: Page, name: string): Promise<Focused[]> {
  const stops: Focused[] = [];
  for (let presses = 0; presses < 10; presses += 1) {
    await page.keyboard.press("Tab");
    const now = await focused(page);
    stops.push(now);
    if (now.name === name) return stops;
  }
  throw new Error(`Tab never reached the ${name} field; stops: ${JSON.stringify(stops)}`);
}

describe("the sign-up form with the keyboard only", () => {
  let app: RunningApp;
  let browser: BrowserSession;
  beforeAll(async () => {
    ({ app, browser } = await startAppAndBrowser());
  });
  afterAll(() => stopAll(browser, app));

  it("tabs through the fields to the button and submits with Enter", async () => {
    const { page } = browser;
    const email = uniqueEmail("keyboard");
    await page.goto(`${app.url}/signup`);
    await page.waitForLoadState("networkidle");

    const stops = await tabTo(page, "email");
    expect(stops[0]?.text).toBe("Skip to content");
    for (const stop of stops)
      expect(stop, JSON.stringify(stop)).toMatchObject({ ringVisible: true });
    await page.keyboard.type(email);

    await page.keyboard.press("Tab");
    expect(await focused(page)).toMatchObject({ name: "password", ringVisible: true });
    await page.keyboard.type("typed without a mouse");

    // The show-password toggle comes right after its field.
    await page.keyboard.press("Tab");
    expect(await focused(page)).toMatchObject({ tag: "button", ringVisible: true });
    const toggle = page.getByRole("button", { name: "Show password" });
    expect(await toggle.evaluate((button) => button === document.activeElement)).toBe(true);

    await page.keyboard.press("Tab");
    expect(await focused(page)).toMatchObject({
      tag: "button",
      text: "Create account",
      ringVisible: true,
    });
    // The accessible name is the visible label only, not the hidden pending label beside it.
    const named = page.getByRole("button", { name: "Create account", exact: true });
    expect(await named.evaluate((button) => button === document.activeElement)).toBe(true);
    await screenshot(page, "signup-keyboard-focus-on-button");

    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "Check your inbox" }).waitFor();
    expect(await page.getByText(email).count()).toBeGreaterThan(0);
    // The new screen takes focus on its heading, so a screen reader announces it.
    expect(await focused(page)).toMatchObject({ tag: "h1", text: "Check your inbox" });
    await screenshot(page, "signup-keyboard-check-inbox");

    expect(browser.problems).toEqual([]);
  });

  it("announces errors of an invalid submit and moves focus to the first bad field", async () => {
    const { page } = browser;
    const calls = recordApiCalls(page);
    await page.goto(`${app.url}/signup`);
    await page.waitForLoadState("networkidle");
    const button = page.getByRole("button", { name: "Create account" });
    const buttonBefore = await button.boundingBox();

    await tabTo(page, "email");
    await page.keyboard.type("not-an-email");
    await page.keyboard.press("Tab");
    await page.keyboard.type("short");
    await page.keyboard.press("Enter");

    const email = page.getByLabel("Email address");
    await page.waitForFunction(() => document.querySelector('[aria-invalid="true"]') !== null);
    expect(await focused(page)).toMatchObject({ name: "email" });
    expect(await email.getAttribute("aria-invalid")).toBe("true");

    // Each field's error is tied to it and sits in a live region, so it is announced.
    for (const [label, message] of [
      ["Email address", "Enter a valid email address."],
      ["Password", "Use at least 8 characters."],
    ] as const) {
      const described = await page.getByLabel(label, { exact: true }).evaluate((input) =>
        (input.getAttribute("aria-describedby") ?? "")
          .split(" ")
          .map((id) => document.getElementById(id))
          .filter((node) => node?.getAttribute("aria-live") === "polite")
          .map((node) => node?.textContent),
      );
      expect(described).toEqual([message]);
    }
    await screenshot(page, "signup-keyboard-invalid");

    // Space for the messages was reserved: the button did not move or change size.
    expect(await button.boundingBox()).toEqual(buttonBefore);
    // The shared schema caught it in the browser: nothing was sent.
    expect(calls.filter((call) => call.path === "auth.signup")).toEqual([]);
    expect(browser.problems).toEqual([]);
  });
});
