import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";
import { parsePreviousPublicKeys, parseSigningKey } from "./secrets";
import { createServices } from "./services";

describe("composition in production", () => {
  it("refuses to start on embedded parts unless told to, naming every missing variable", async () => {
    await expect(
      createServices(parseEnv({ NODE_ENV: "production" }), () => undefined),
    ).rejects.toThrow(
      /DATABASE_URL[\s\S]*UPSTASH_REDIS_REST_URL[\s\S]*RESEND_API_KEY[\s\S]*AUTH_SECRET[\s\S]*JWT_PRIVATE_KEY/,
    );
  });

  it("refuses a JWT_PRIVATE_KEY that is not a private Ed25519 JWK, without echoing it", async () => {
    const secretish = '{"kty":"RSA","d":"super-secret-material"}';
    await expect(parseSigningKey(secretish)).rejects.toThrow(/JWT_PRIVATE_KEY/);
    await expect(parseSigningKey(secretish)).rejects.not.toThrow(/super-secret-material/);
  });

  it("accepts retired public keys but refuses private material in JWT_PREVIOUS_PUBLIC_KEYS", () => {
    const publicKey = {
      kty: "OKP",
      crv: "Ed25519",
      x: "abc",
      kid: "old",
      alg: "EdDSA",
      use: "sig",
    };
    expect(parsePreviousPublicKeys(JSON.stringify([publicKey]))).toEqual([publicKey]);
    expect(() => parsePreviousPublicKeys(JSON.stringify([{ ...publicKey, d: "private" }]))).toThrow(
      /JWT_PREVIOUS_PUBLIC_KEYS/,
    );
    expect(parsePreviousPublicKeys(undefined)).toEqual([]);
  });
});

/** Every module URL a fresh Node process resolves while it imports the composition root. */
function modulesLoadedByImporting(): string[] {
  const dir = mkdtempSync(join(tmpdir(), "latch-imports-"));
  writeFileSync(
    join(dir, "hooks.mjs"),
    [
      "export async function resolve(specifier, context, next) {",
      "  const result = await next(specifier, context);",
      "  process.stderr.write('resolved ' + result.url + '\\n');",
      "  return result;",
      "}",
    ].join("\n"),
  );
  writeFileSync(
    join(dir, "register.mjs"),
    'import { register } from "node:module"; register("./hooks.mjs", import.meta.url);',
  );
  const { stderr, status } = spawnSync(
    process.execPath,
    [
      "--import",
      join(dir, "register.mjs"),
      "--import",
      "tsx",
      "--input-type=module",
      "-e",
      'await import("@latch/composition")',
    ],
    { cwd: import.meta.dirname, encoding: "utf8" },
  );
  if (status !== 0) throw new Error(`importing the composition root failed:\n${stderr}`);
  return stderr
    .split("\n")
    .flatMap((line) => (line.startsWith("resolved ") ? [line.slice(9)] : []));
}

describe("the production module graph", () => {
  // A child process with its own loader: slow on a busy machine.
  it("does not load the embedded database or the offline migrator until they are used", {
    timeout: 60_000,
  }, () => {
    const loaded = modulesLoadedByImporting();
    expect(loaded.some((url) => url.includes("/composition/src/services.ts"))).toBe(true);
    expect(loaded.filter((url) => /pglite|\/db\/src\/(embedded|migrate)\//.test(url))).toEqual([]);
  });
});
