import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { type RunningApp, type StartOptions, startApp } from "../../http/support/app";

const repoRoot = resolve(import.meta.dirname, "../../../../..");
const screenshotDir = join(repoRoot, "test-artifacts", "screenshots");

/** Debian's Chromium: browser downloads are impossible here, so a missing one is an error, never a skip. */
function chromiumPath(): string {
  try {
    const path = execFileSync("which", ["chromium"], { encoding: "utf8" }).trim();
    if (path) return path;
  } catch {
    // fall through to the error below
  }
  throw new Error(
    "The e2e tests need Debian's Chromium and `which chromium` found none. " +
      "Install it with `apt-get update && apt-get install -y chromium`.",
  );
}

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  /** Uncaught page errors and console errors seen so far: a test ends by expecting none. */
  problems: string[];
  close(): Promise<void>;
}

/**
 * A headless Chromium with a fresh profile, so no cookie or cache leaks between journeys.
 * `locale` is the browser's language (its Accept-Language and navigator.language).
 */
export async function openBrowser({ locale }: { locale?: string } = {}): Promise<BrowserSession> {
  const userDataDir = mkdtempSync(join(tmpdir(), "latch-e2e-profile-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: true,
    viewport: { width: 1280, height: 800 },
    ...(locale ? { locale } : {}),
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
  context.setDefaultTimeout(15_000);
  const page = context.pages()[0] ?? (await context.newPage());
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    // 4xx answers are expected in these journeys (an expired key is a 400); the browser logs each.
    if (message.type() === "error" && !/status of 4\d\d/.test(message.text())) {
      problems.push(`console error: ${message.text()}`);
    }
  });
  return {
    context,
    page,
    problems,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** A full-page screenshot in test-artifacts/screenshots/<name>.png, to look at after a run. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
}

/** What `session.current` says for this browser's cookies, asked from inside the page. */
export async function currentUser(page: Page): Promise<{ email: string } | null> {
  return page.evaluate(async () => {
    const response = await fetch("/api/trpc/session.current");
    const body = (await response.json()) as {
      result?: { data?: { user: { email: string } | null } };
    };
    return body.result?.data?.user ?? null;
  });
}

/** Records the API calls a page makes, e.g. to prove a page load changed nothing. */
export function recordApiCalls(page: Page): { method: string; path: string }[] {
  const calls: { method: string; path: string }[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith("/api/trpc/")) {
      calls.push({ method: request.method(), path: url.pathname.slice("/api/trpc/".length) });
    }
  });
  return calls;
}

/**
 * The production build on embedded defaults (plus `env`) and a fresh browser:
 * what every journey starts from.
 */
export async function startAppAndBrowser(
  env: Record<string, string> = {},
  options: StartOptions = {},
): Promise<{ app: RunningApp; browser: BrowserSession }> {
  const app = await startApp({ ALLOW_EMBEDDED_SERVICES: "true", ...env }, options);
  return { app, browser: await openBrowser() };
}

export async function stopAll(
  ...parts: Array<{ close?(): Promise<unknown>; stop?(): Promise<unknown> } | undefined>
) {
  for (const part of parts) await (part?.close?.() ?? part?.stop?.());
}
