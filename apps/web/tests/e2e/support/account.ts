import type { Page } from "playwright-core";
import type { RunningApp } from "../../http/support/app";
import { waitForActivationLink } from "./mailbox";
import { signUpInBrowser } from "./signup";

/** Signs up and activates through the pages; the browser ends on /account, signed in. */
export async function activeAccountInBrowser(
  page: Page,
  app: RunningApp,
  email: string,
  password: string,
): Promise<void> {
  await signUpInBrowser(page, app.url, email, password);
  await page.goto(await waitForActivationLink(app, email, 1));
  await activateWithPassword(page, password);
  await page.waitForURL(`${app.url}/account`);
}

/** On an activation link's page: confirms the password chosen at signup. */
export async function activateWithPassword(page: Page, password: string): Promise<void> {
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Activate my account" }).click();
}

/** Logs in through the form and waits for the account page. */
export async function logInInBrowser(
  page: Page,
  appUrl: string,
  email: string,
  password: string,
): Promise<void> {
  await page.goto(`${appUrl}/login`);
  await page.waitForLoadState("networkidle");
  await fillLogin(page, email, password);
  await page.waitForURL(`${appUrl}/account`);
  await page.getByTestId("account-email").waitFor();
}

export async function fillLogin(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Log in", exact: true }).click();
}

/** A part of the account page, found by its heading (each is a named region). */
export function accountSection(page: Page, title: string) {
  return page.getByRole("region", { name: title });
}

/** Whether the page scrolls sideways: nothing should, down to a 375 px wide phone. */
export function overflowsHorizontally(page: Page): Promise<boolean> {
  return page.evaluate(
    () => document.documentElement.scrollWidth > document.documentElement.clientWidth,
  );
}

/** Logs out with the account page's own button (the header has one too), then opens /login. */
export async function logOutToLoginPage(page: Page, appUrl: string): Promise<void> {
  await page.getByRole("main").getByRole("button", { name: "Log out", exact: true }).click();
  await page.waitForURL((url) => url.pathname !== "/account");
  await page.goto(`${appUrl}/login`);
  await page.waitForLoadState("networkidle");
}
