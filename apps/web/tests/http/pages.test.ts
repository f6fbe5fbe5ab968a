import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApp, startApp } from "./support/app";

/** What the pages say before any script runs: the server's HTML, as a visitor without JavaScript gets it. */
describe("the pages' server-rendered HTML", () => {
  let app: RunningApp;
  const html = async (path: string) => {
    const response = await fetch(`${app.url}${path}`);
    return { status: response.status, body: await response.text() };
  };
  beforeAll(async () => {
    app = await startApp({ ALLOW_EMBEDDED_SERVICES: "true" });
  });
  afterAll(() => app?.stop());

  it("tells a visitor without JavaScript that the forms need it", async () => {
    const { body } = await html("/signup");
    expect(body).toMatch(/<noscript>.*need JavaScript.*<\/noscript>/s);
  });

  it("answers an unknown address with 404 and the site's own page, in its card, with a way home", async () => {
    // (/dev/mailbox answers 404 too, but calls notFound() from inside its page, which Next
    // renders in the browser: activation-journey checks its status.)
    for (const path of ["/no-such-page", "/no/such/page"]) {
      const { status, body } = await html(path);
      expect(status, path).toBe(404);
      expect(body, path).toContain("<h1");
      expect(body, path).toContain("Page not found");
      expect(body, path).toMatch(/<a [^>]*href="\/"[^>]*>Go to the start page<\/a>/);
      expect(body, path).toContain('href="#main"');
    }
  });

  it("names an SVG icon that is served as one", async () => {
    const { body } = await html("/");
    const href = body.match(/<link rel="icon" href="([^"]+)"[^>]*type="image\/svg\+xml"/)?.[1];
    expect(href).toMatch(/^\/icon\.svg/);
    const icon = await fetch(`${app.url}${href?.replaceAll("&amp;", "&")}`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get("content-type")).toContain("image/svg+xml");
    expect(await icon.text()).toContain("<svg");
  });

  it("offers logging in by email on the login page, and the email login form has its field", async () => {
    expect((await html("/login")).body).toMatch(
      /<a [^>]*href="\/login\/email"[^>]*>Log in with an email link instead<\/a>/,
    );
    const { status, body } = await html("/login/email");
    expect(status).toBe(200);
    expect(body).toContain("Log in with an email link");
    expect(body).toMatch(/<input [^>]*type="email"/);
  });

  it("says so on the login page right after a logout", async () => {
    // Outside the scripts, which carry the page's whole catalogue for its client components.
    const shown = async (path: string) =>
      (await html(path)).body.replace(/<script[\s\S]*?<\/script>/g, "");
    expect(await shown("/login?loggedOut=1")).toContain("You are logged out");
    expect(await shown("/login")).not.toContain("You are logged out");
  });

  it("opens a reset, confirmation or login link that cannot work on its own screen, before any script", async () => {
    const key = "A".repeat(32);
    for (const path of [`/reset-password/${key}`, `/confirm-email/${key}`, `/login/email/${key}`]) {
      const { body } = await html(path);
      expect(body, path).toContain("This link is not valid");
    }
  });
});
