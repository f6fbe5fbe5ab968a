import { existsSync } from "node:fs";
import { join } from "node:path";
import { webPages } from "@latch/composition";
import { describe, expect, it } from "vitest";

const appDir = import.meta.dirname;
/** Pages an emailed link opens with its key in the path. */
const keyPages = new Set(["activate", "resetPassword", "confirmEmail"]);

describe("the pages emails link to", () => {
  it.each(Object.entries(webPages))("%s (%s) is a page of this app", (name, path) => {
    const folder = join(appDir, ...path.split("/").filter(Boolean));
    const page = keyPages.has(name) ? join(folder, "[key]", "page.tsx") : join(folder, "page.tsx");
    expect(existsSync(page), page).toBe(true);
  });
});
