import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

function appDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "latch-app-env-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** What appEnvironment gives a fresh process (as the migration script is): Next's loader reads once. */
function environmentOf(dir: string, env: Record<string, string>): Record<string, string> {
  const script = `import { appEnvironment } from "./src/app-env.ts";
    process.stdout.write(JSON.stringify(appEnvironment(${JSON.stringify(dir)}, process.env.NODE_ENV !== "production")));`;
  const output = execFileSync(
    process.execPath,
    ["--import", "tsx", "--input-type=module", "-e", script],
    {
      cwd: join(import.meta.dirname, ".."),
      env: { PATH: process.env.PATH ?? "", ...env },
      encoding: "utf8",
    },
  );
  return JSON.parse(output) as Record<string, string>;
}

describe("the app's environment, as the migration script reads it", () => {
  it("reads .env.local over .env, as Next.js does", () => {
    const dir = appDir({
      ".env": "DATABASE_URL=postgresql://from-dot-env/db\nLATCH_DATA_DIR=/from/dot-env\n",
      ".env.local": "DATABASE_URL=postgresql://from-env-local/db\n",
    });
    const env = environmentOf(dir, { NODE_ENV: "development" });
    expect(env.DATABASE_URL).toBe("postgresql://from-env-local/db");
    expect(env.LATCH_DATA_DIR).toBe("/from/dot-env");
  });

  it("lets the process environment win over every file, and reads production's files in production", () => {
    const dir = appDir({
      ".env.local": "DATABASE_URL=postgresql://from-env-local/db\n",
      ".env.production": "LATCH_DATA_DIR=/from/production-file\n",
      ".env.development": "LATCH_DATA_DIR=/from/development-file\n",
    });
    const env = environmentOf(dir, {
      NODE_ENV: "production",
      DATABASE_URL: "postgresql://from-the-shell/db",
    });
    expect(env.DATABASE_URL).toBe("postgresql://from-the-shell/db");
    expect(env.LATCH_DATA_DIR).toBe("/from/production-file");
  });
});
