import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/** "Sign up" stays (it makes an account); every other sign-in or sign-out is a login or logout. */
const SIGN_IN_OR_OUT = /\bsign(?:s|ed|ing)?[- ]?(?:in|out)\b/i;

/** The pages' source without its comments, which speak to developers, not to visitors. */
function pageSources(): { file: string; text: string }[] {
  const root = import.meta.dirname;
  return readdirSync(root, { recursive: true, encoding: "utf8" })
    .filter((file) => /\.tsx?$/.test(file) && !file.endsWith(".test.ts"))
    .map((file) => ({
      file,
      text: readFileSync(join(root, file), "utf8")
        .replace(/\/\*[\s\S]*?\*\//g, "")
        .replace(/(^|\s)\/\/.*$/gm, "$1"),
    }));
}

describe("the pages' wording", () => {
  it("says log in and log out (and logged in), never sign in or sign out", () => {
    const offending = pageSources().flatMap(({ file, text }) =>
      text
        .split("\n")
        .filter((line) => SIGN_IN_OR_OUT.test(line))
        .map((line) => `${file}: ${line.trim()}`),
    );
    expect(offending).toEqual([]);
  });
});
