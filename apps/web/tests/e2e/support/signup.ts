import type { Page } from "playwright-core";

/** Signs up through the form, as a person would, and waits for the "check your inbox" screen. */
export async function signUpInBrowser(page: Page, appUrl: string, email: string, password: string) {
  await page.goto(`${appUrl}/signup`);
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.getByRole("heading", { name: "Check your inbox" }).waitFor();
}
