import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  activeAccount,
  type RealServicesApp,
  startRealServicesApp,
} from "../http/support/real-services";
import { logInInBrowser } from "./support/account";
import { grantAdmin } from "./support/admin";
import { accessibilityViolations } from "./support/axe";
import {
  type BrowserSession,
  currentUser,
  openBrowser,
  screenshot,
  stopAll,
} from "./support/browser";
import { uniqueEmail } from "./support/mailbox";

const PASSWORD = "a long admin test password";

describe("the admin pages", () => {
  let real: RealServicesApp;
  let admin: BrowserSession;
  let member: BrowserSession;
  beforeAll(async () => {
    // A receiver on loopback, as in development.
    real = await startRealServicesApp({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: "true" });
    admin = await openBrowser();
    member = await openBrowser();
  });
  afterAll(() => stopAll(admin, member, real));

  it("let an admin find a user by address, ban them with a reason, and read it in the audit log", async () => {
    const adminEmail = uniqueEmail("admin");
    const memberEmail = uniqueEmail("banned");
    await activeAccount(real, adminEmail, PASSWORD);
    await activeAccount(real, memberEmail, PASSWORD);
    await grantAdmin(real, adminEmail);
    const { url } = real.app;
    await logInInBrowser(admin.page, url, adminEmail, PASSWORD);
    await logInInBrowser(member.page, url, memberEmail, PASSWORD);
    const { page } = admin;

    await page.goto(`${url}/admin`);
    await page.getByRole("heading", { level: 1, name: "Users" }).waitFor();
    await page.getByLabel("Email address contains").fill(memberEmail.slice(0, 20).toUpperCase());
    await page.getByRole("button", { name: "Search" }).click();
    await page.waitForURL(/\/admin\/users\?q=/);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, "admin-user-search");
    await page.getByRole("link", { name: memberEmail }).click();

    await page.getByRole("heading", { level: 1, name: memberEmail }).waitFor();
    const status = page.getByTestId("user-status");
    expect(await status.getByText("Active", { exact: true }).count()).toBe(1);
    await page.waitForLoadState("networkidle");
    await page.getByRole("button", { name: "Ban…" }).click();
    // The reason is required: an empty one is refused at its field, which takes focus.
    await page.getByRole("button", { name: "Ban this account" }).click();
    const reason = page.getByLabel("Reason");
    expect(await reason.getAttribute("aria-invalid")).toBe("true");
    expect(await reason.evaluate((input) => input === document.activeElement)).toBe(true);
    await reason.fill("Sent the same advert to every address");
    await page.getByRole("button", { name: "Ban this account" }).click();
    // Two sessions: the one activation started over HTTP, and the browser's.
    await page.getByText("Banned. 2 sessions were ended.").waitFor();
    await status.getByText("Sent the same advert to every address").waitFor();
    expect(await status.getByText("Banned", { exact: true }).count()).toBe(1);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, "admin-user-banned");

    await page
      .getByRole("navigation", { name: "Admin" })
      .getByRole("link", { name: "Audit log" })
      .click();
    await page.getByRole("heading", { level: 1, name: "Audit log" }).waitFor();
    await page.getByLabel("Event type").selectOption("admin.user.banned");
    await page.getByRole("button", { name: "Filter" }).click();
    await page.waitForURL(/type=admin\.user\.banned/);
    const banned = page.locator('tbody tr[data-event-type="admin.user.banned"]');
    expect(await banned.count()).toBe(1);
    expect(await banned.textContent()).toContain("reason: Sent the same advert to every address");
    expect(await page.locator("tbody tr").count()).toBe(1);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, "admin-audit-log");

    // The banned person's browser is signed out on its next page load.
    await member.page.goto(`${url}/account`);
    await member.page.waitForURL(`${url}/login?returnTo=%2Faccount`);
    expect(await currentUser(member.page)).toBeNull();

    expect(admin.problems).toEqual([]);
    expect(member.problems).toEqual([]);
  });

  it("answer anyone but an admin with the ordinary 404 page", async () => {
    const email = uniqueEmail("not-admin");
    await activeAccount(real, email, PASSWORD);
    const { url } = real.app;
    const someone = "0190a0c0-0000-7000-8000-000000000000";
    const paths = [
      "/admin",
      "/admin/users",
      `/admin/users/${someone}`,
      "/admin/audit",
      "/admin/webhooks",
      `/admin/webhooks/${someone}`,
    ];
    const { page } = member;

    // Exactly what any unknown address shows: nothing hints that /admin exists.
    const notFoundText = async (path: string) => {
      const response = await page.goto(`${url}${path}`);
      expect(response?.status(), path).toBe(404);
      await page.getByRole("heading", { level: 1, name: "Page not found" }).waitFor();
      return { title: await page.title(), main: await page.getByRole("main").textContent() };
    };
    const seen = async () => {
      const unknown = await notFoundText("/no-such-page");
      for (const path of paths) expect(await notFoundText(path), path).toEqual(unknown);
    };
    await member.context.clearCookies();
    await seen();
    await logInInBrowser(page, url, email, PASSWORD);
    await seen();
    await screenshot(page, "admin-not-found");
    expect(member.problems).toEqual([]);
  });

  it("let an admin add a webhook endpoint, see its secret once, send a test and see the delivery", async () => {
    const adminEmail = uniqueEmail("webhooks-admin");
    await activeAccount(real, adminEmail, PASSWORD);
    await grantAdmin(real, adminEmail);
    const { url } = real.app;
    await admin.context.clearCookies();
    await logInInBrowser(admin.page, url, adminEmail, PASSWORD);
    const { page } = admin;

    await page.goto(`${url}/admin/webhooks`);
    await page.getByRole("heading", { level: 1, name: "Webhooks" }).waitFor();
    await page.waitForLoadState("networkidle");
    const hook = "http://127.0.0.1:9/latch-hook";
    await page.getByLabel("URL").fill(hook);
    await page.getByLabel("user.banned").check();
    await page.getByRole("button", { name: "Add the endpoint" }).click();
    expect(await page.getByTestId("webhook-secret").textContent()).toMatch(/^whsec_/);
    await page.getByRole("link", { name: hook }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, "admin-webhooks");

    await page.getByRole("button", { name: `Send a test to ${hook}` }).click();
    await page.getByText("Test queued: see its deliveries.").waitFor();
    await page.getByRole("link", { name: hook }).click();
    await page.getByRole("heading", { level: 1, name: "Webhook deliveries" }).waitFor();
    await page.getByText("webhook.test").waitFor();
    expect(admin.problems).toEqual([]);
  });
});
