import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningApp } from "../http/support/app";
import { call } from "../http/support/client";
import { activateWithPassword } from "./support/account";
import { type BrowserSession, startAppAndBrowser, stopAll } from "./support/browser";
import { uniqueEmail, waitForActivationLink } from "./support/mailbox";

const password = "correct horse battery staple";

describe("returnTo after login and activation, in a browser", () => {
  let app: RunningApp;
  let browser: BrowserSession;
  let otherApp: Server;
  let otherOrigin: string;

  beforeAll(async () => {
    // Another app of the deployment, on another loopback origin.
    otherApp = createServer((_request, response) => {
      response.writeHead(200, { "content-type": "text/html" });
      response.end("<!doctype html><title>Other app</title><h1>Back in the other app</h1>");
    });
    otherApp.listen(0, "127.0.0.1");
    await once(otherApp, "listening");
    otherOrigin = `http://127.0.0.1:${(otherApp.address() as AddressInfo).port}`;
    ({ app, browser } = await startAppAndBrowser({ RETURN_TO_ORIGINS: otherOrigin }));
  });
  afterAll(async () => {
    await stopAll(browser, app);
    otherApp?.close();
  });

  async function logIn(email: string, returnTo: string) {
    const { page } = browser;
    await page.context().clearCookies();
    await page.goto(`${app.url}/login?returnTo=${encodeURIComponent(returnTo)}`);
    await page.getByLabel("Email address").fill(email);
    await page.getByLabel("Password", { exact: true }).fill(password);
    await page.getByRole("button", { name: "Log in", exact: true }).click();
  }

  it("goes back where the person was headed, on Latch or an allowlisted app, and nowhere else", async () => {
    const { page } = browser;
    const email = uniqueEmail("return-to");
    await call(app.url, "auth.signup", { input: { email, password } });
    const link = await waitForActivationLink(app, email, 1);

    await page.goto(`${link}?returnTo=${encodeURIComponent("/account?from=activation")}`);
    await activateWithPassword(page, password);
    await page.waitForURL(`${app.url}/account?from=activation`);

    await logIn(email, `${otherOrigin}/dashboard`);
    await page.waitForURL(`${otherOrigin}/dashboard`);
    expect(await page.getByRole("heading").textContent()).toBe("Back in the other app");

    for (const elsewhere of ["https://evil.example.com/", "//evil.example.com/x"]) {
      await logIn(email, elsewhere);
      await page.waitForURL(`${app.url}/account`);
    }

    // Signed in already: /login and /signup go straight on.
    await page.goto(`${app.url}/login?returnTo=${encodeURIComponent("/account?again=1")}`);
    await page.waitForURL(`${app.url}/account?again=1`);
    await page.goto(`${app.url}/signup`);
    await page.waitForURL(`${app.url}/account`);
    expect(browser.problems).toEqual([]);
  });
});
