import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { catalogues } from "@latch/i18n";
import { describe, expect, it } from "vitest";

/** Every message key the schemas give (`error: "emailMissing"`, `message: "…"`, constants). */
function messageKeys(): string[] {
  const root = import.meta.dirname;
  const sources = readdirSync(root)
    .filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts"))
    .map((file) => readFileSync(join(root, file), "utf8"));
  const keys = sources.flatMap((text) =>
    [...text.matchAll(/(?:error|message|NOT_WELL_FORMED =)\s*:?\s*"([A-Za-z0-9]+)"/g)].map(
      (match) => match[1] ?? "",
    ),
  );
  return [...new Set(keys)].sort();
}

describe("the schemas' messages", () => {
  it("are keys of the catalogue's validation namespace, so every language can word them", () => {
    const keys = messageKeys();
    expect(keys.length).toBeGreaterThan(30);
    const unknown = keys.filter((key) => !Object.hasOwn(catalogues.en.validation, key));
    expect(unknown).toEqual([]);
  });
});
