import type { Page } from "playwright-core";

/**
 * Signs up through the form, as a person would, and waits for the "check your inbox" screen.
 * Signed out first: /signup sends a signed-in visitor on to /account.
 */
export async function signUpInBrowser(page: Page, appUrl: string, email: string, password: string) {
  await page.context().clearCookies();
  await page.goto(`${appUrl}/signup`);
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.getByRole("heading", { name: "Check your inbox" }).waitFor();
}
