import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningApp } from "../http/support/app";
import { activeAccountInBrowser } from "./support/account";
import { type BrowserSession, startAppAndBrowser, stopAll } from "./support/browser";
import { uniqueEmail } from "./support/mailbox";

const KEY = "A".repeat(32);
const SIGNED_OUT_PAGES = [
  "/",
  "/signup",
  "/login",
  "/login/email",
  "/activate",
  "/forgot-password",
  "/account",
  `/activate/${KEY}`,
  `/reset-password/${KEY}`,
  `/confirm-email/${KEY}`,
  `/login/email/${KEY}`,
  "/no-such-page",
];

/**
 * Collects every CSP violation a page reports, both as the DOM event (through
 * a binding, which the page's own CSP cannot block) and as Chromium's console
 * message, so nothing a policy refuses goes unnoticed.
 */
async function watchViolations(page: Page): Promise<string[]> {
  const seen: string[] = [];
  await page.exposeBinding("__reportCspViolation", (_source, text: string) => {
    seen.push(text);
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { __reportCspViolation(text: string): void })
        .__reportCspViolation;
      report(`${event.effectiveDirective} blocked ${event.blockedURI} on ${location.pathname}`);
    });
  });
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) seen.push(message.text());
  });
  return seen;
}

/** A page on another origin that tries to frame `target`, next to a frame of its own origin. */
function startFramingSite(target: string): Promise<Server> {
  const server = createServer((request, response) => {
    response.setHeader("content-type", "text/html");
    if (request.url === "/own") {
      response.end("<!doctype html><title>own</title><p id=own>framed fine</p>");
      return;
    }
    response.end(
      `<!doctype html><title>framer</title>
       <iframe id=own src="/own"></iframe>
       <iframe id=target src="${target}"></iframe>`,
    );
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

describe("the content security policy in a browser", () => {
  let app: RunningApp;
  let browser: BrowserSession;
  let violations: string[];
  let framer: Server | undefined;
  beforeAll(async () => {
    ({ app, browser } = await startAppAndBrowser());
    violations = await watchViolations(browser.page);
  });
  afterAll(async () => {
    await stopAll(browser, app);
    framer?.closeAllConnections();
    await new Promise((resolve) => (framer ? framer.close(resolve) : resolve(undefined)));
  });

  it("refuses a script injected into a page without the nonce, and the watcher sees it", async () => {
    const { page } = browser;
    // What an XSS would do: markup the server did not mean to send, under the page's own CSP.
    const login = `${app.url}/login`;
    await page.route(login, async (route) => {
      const response = await route.fetch();
      const body = (await response.text()).replace(
        "</body>",
        "<script>window.__injected = true</script></body>",
      );
      await route.fulfill({ response, body });
    });
    await page.goto(login);
    await page.waitForLoadState("networkidle");
    await page.unroute(login);
    expect(await page.evaluate(() => "__injected" in window)).toBe(false);
    await expect.poll(() => violations.join("\n")).toMatch(/script-src-elem blocked inline/);
  });

  it("lets every page, signed out and signed in, run without a single violation", async () => {
    const { page } = browser;
    violations.length = 0;
    browser.problems.length = 0;
    for (const path of SIGNED_OUT_PAGES) {
      const response = await page.goto(`${app.url}${path}`);
      expect(response?.headers()["content-security-policy"], path).toMatch(/'nonce-[^']+'/);
      await page.waitForLoadState("networkidle");
      // Hydrated: React attached its handlers, so the scripts did run under the policy.
      await page.waitForFunction(() =>
        Object.keys(document.querySelector("main") ?? {}).some((key) => key.startsWith("__react")),
      );
    }
    // Signing up and activating crosses the key page's button (a POST under no-referrer).
    const email = uniqueEmail("csp");
    await activeAccountInBrowser(page, app, email, "correct horse battery staple");
    expect(await page.getByTestId("account-email").textContent()).toBe(email);
    await page.reload();
    await page.waitForLoadState("networkidle");
    // A client-side navigation fetches the next page as an RSC payload under the same policy.
    await page.getByRole("banner").getByRole("link", { name: "Latch" }).click();
    await page.waitForURL(`${app.url}/`);
    await page.waitForLoadState("networkidle");

    expect(violations).toEqual([]);
    expect(browser.problems).toEqual([]);
  });

  it("refuses to let another site frame /account, while that site can frame its own page", async () => {
    const { context } = browser;
    framer = await startFramingSite(`${app.url}/account`);
    const framing = await context.newPage();
    const refusals: string[] = [];
    framing.on("console", (message) => refusals.push(message.text()));
    await framing.goto(`http://127.0.0.1:${(framer.address() as AddressInfo).port}/`);
    await framing.waitForLoadState("networkidle");

    const own = framing.frame({ url: /\/own$/ });
    expect(await own?.locator("#own").textContent()).toBe("framed fine");
    const target = framing.frames().find((frame) => frame.url().includes(app.url));
    expect(target, "the framed account page loaded").toBeUndefined();
    expect(refusals.join("\n")).toMatch(/frame-ancestors 'none'/);
    await framing.close();
  });
});
