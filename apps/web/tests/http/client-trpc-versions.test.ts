import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = resolve(import.meta.dirname, "../../../..");

/**
 * The newest 11.x on the registry, and the oldest the README promises: before 11.4 tRPC's
 * root exports no `TRPCBuiltRouter` or `TRPCDecorateCreateRouterOptions`, which the
 * client's declarations name, so the router's types silently turn to `any`.
 */
const NEWEST_TRPC = "11.25.2";
const OLDEST_TRPC = "11.4.0";

async function outcomeOf(command: string, args: string[], cwd: string) {
  try {
    const { stdout, stderr } = await run(command, args, { cwd, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? 1, output: `${failed.stdout ?? ""}${failed.stderr ?? ""}` };
  }
}

/** What an adopter writes with the tRPC client they already have: Latch's router type, a typed call. */
const adopterCode = `import { createTRPCClient, httpLink } from "@trpc/client";
import type { AppRouter, LatchOutputs } from "@latch/client";
import { createLatchClient } from "@latch/client";

const api = createTRPCClient<AppRouter>({
  links: [httpLink({ url: "http://localhost:3000/api/trpc" })],
});
const me = await api.auth.me.query();
const email: string = me.user.email;
const same: LatchOutputs["auth"]["me"] = me;
// Types that fell back to any would make this line no error, and the directive one.
// @ts-expect-error an address is a string
await api.auth.login.mutate({ email: 42, password: "long enough" });
const latch = createLatchClient({ url: "http://localhost:3000" });
const again: string = (await latch.api.auth.me.query()).user.email;
console.log(email, same, again);
`;

/** The same at run time: Latch's refusals are the adopter's own TRPCClientError. */
const adopterScript = `import { TRPCClientError } from "@trpc/client";
import { createLatchClient, latchErrorReason } from "@latch/client";

const refusal = {
  error: {
    message: "Sign in first.",
    code: -32001,
    data: { code: "UNAUTHORIZED", httpStatus: 401, reason: "ACCESS_TOKEN_MISSING" },
  },
};
const latch = createLatchClient({
  url: "http://latch.invalid",
  fetch: async () => Response.json(refusal, { status: 401 }),
});
try {
  await latch.api.auth.me.query();
  console.log("answered");
} catch (error) {
  console.log(error instanceof TRPCClientError, latchErrorReason(error));
}
`;

/**
 * A project outside the monorepo with the packed client and the given tRPC: plain npm,
 * NodeNext, strict. Answers tsc's outcome and what the script printed.
 */
async function adopterWith(tarball: string, trpc: string) {
  const dir = mkdtempSync(join(tmpdir(), `latch-trpc-${trpc}-`));
  mkdirSync(join(dir, "src"));
  writeFileSync(
    join(dir, "package.json"),
    JSON.stringify({ name: "adopter", private: true, type: "module" }),
  );
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        module: "NodeNext",
        moduleResolution: "NodeNext",
        target: "ES2022",
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        types: [],
      },
      include: ["src"],
    }),
  );
  writeFileSync(join(dir, "src", "main.ts"), adopterCode);
  writeFileSync(join(dir, "run.mjs"), adopterScript);
  const installed = await outcomeOf(
    "npm",
    [
      "install",
      "--no-audit",
      "--no-fund",
      "--prefer-offline",
      `@trpc/client@${trpc}`,
      `@trpc/server@${trpc}`,
      "typescript@5.9.3",
      tarball,
    ],
    dir,
  );
  expect(installed.code, installed.output).toBe(0);
  const tsc = await outcomeOf(join(dir, "node_modules", ".bin", "tsc"), ["-p", "."], dir);
  // A second copy of tRPC under the client is what made the router types foreign to the app's.
  const ownCopy = existsSync(
    join(dir, "node_modules", "@latch", "client", "node_modules", "@trpc"),
  );
  const script = await outcomeOf(process.execPath, ["run.mjs"], dir);
  return { dir, tsc, ownCopy, script };
}

describe("@latch/client with the tRPC the adopter already has", () => {
  let tarball = "";
  const dirs: string[] = [];

  beforeAll(async () => {
    const packages = mkdtempSync(join(tmpdir(), "latch-client-pack-"));
    dirs.push(packages);
    const packed = await outcomeOf(
      "pnpm",
      ["--filter", "@latch/client", "pack", "--pack-destination", packages],
      root,
    );
    expect(packed.code, packed.output).toBe(0);
    const file = readdirSync(packages).find((entry) => entry.startsWith("latch-client-"));
    if (!file) throw new Error(`no @latch/client tarball in ${packages}`);
    tarball = join(packages, file);
  });
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ["the newest 11.x", NEWEST_TRPC],
    ["the oldest supported 11.x", OLDEST_TRPC],
  ])(
    "type-checks createTRPCClient<AppRouter> and a typed call under NodeNext with %s (%s), and its errors are the app's TRPCClientError",
    async (_name, trpc) => {
      const { dir, tsc, ownCopy, script } = await adopterWith(tarball, trpc);
      dirs.push(dir);
      expect(tsc.output).toBe("");
      expect(tsc.code).toBe(0);
      expect(ownCopy).toBe(false);
      expect(script).toEqual({ code: 0, output: "true ACCESS_TOKEN_MISSING\n" });
    },
  );
});
