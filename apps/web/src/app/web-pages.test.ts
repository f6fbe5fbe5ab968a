import { existsSync } from "node:fs";
import { join } from "node:path";
import { webPages } from "@latch/composition";
import { describe, expect, it } from "vitest";

const appDir = import.meta.dirname;
/** Pages an emailed link opens with its key in the path. */
const keyPages = new Set(["activate", "resetPassword", "confirmEmail", "loginByEmail"]);
/** Key pages that are also a page without a key: the form that sends the email. */
const formPages = new Set(["activate", "loginByEmail"]);

/** The page files a path of `webPages` needs, under this app's folder. */
function pagesOf(name: string, path: string): string[] {
  const folder = join(appDir, ...path.split("/").filter(Boolean));
  const pages: string[] = [];
  if (!keyPages.has(name) || formPages.has(name)) pages.push(join(folder, "page.tsx"));
  if (keyPages.has(name)) pages.push(join(folder, "[key]", "page.tsx"));
  return pages;
}

describe("the pages emails link to", () => {
  it.each(Object.entries(webPages))("%s (%s) is a page of this app", (name, path) => {
    for (const page of pagesOf(name, path)) expect(existsSync(page), page).toBe(true);
  });

  it("expects both the form and the link's page of a login by email", () => {
    expect(
      pagesOf("loginByEmail", webPages.loginByEmail).map((page) => page.slice(appDir.length)),
    ).toEqual(["/login/email/page.tsx", "/login/email/[key]/page.tsx"]);
  });
});
