import { type ChildProcess, execFile, spawn } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RealServicesApp, startRealServicesApp } from "./support/real-services";

const run = promisify(execFile);
const root = resolve(import.meta.dirname, "../../../..");

interface Outcome {
  code: number | null;
  output: string;
}

/** Runs a command to its end, whatever its exit code, with everything it printed. */
async function outcomeOf(command: string, args: string[], cwd: string): Promise<Outcome> {
  try {
    const { stdout, stderr } = await run(command, args, { cwd, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? 1, output: `${failed.stdout ?? ""}${failed.stderr ?? ""}` };
  }
}

/**
 * The packages as a developer outside this repository gets them: packed
 * tarballs, installed with plain npm into a copy of each example in a temporary
 * folder (no workspace, no Latch sources within reach).
 */
async function installExample(name: string, tarballs: string[]): Promise<string> {
  const dir = join(mkdtempSync(join(tmpdir(), `latch-${name}-`)), name);
  cpSync(join(root, "examples", name), dir, {
    recursive: true,
    filter: (source) => !/node_modules|dist/.test(source),
  });
  const installed = await outcomeOf(
    "npm",
    ["install", "--no-audit", "--no-fund", "--prefer-offline", ...tarballs],
    dir,
  );
  expect(installed.code, installed.output).toBe(0);
  return dir;
}

function waitFor(output: () => string, pattern: RegExp, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((done, fail) => {
    const poll = () => {
      if (pattern.test(output())) done();
      else if (Date.now() > deadline) fail(new Error(`no ${pattern} in:\n${output()}`));
      else setTimeout(poll, 25);
    };
    poll();
  });
}

describe("adopting Latch from outside the monorepo (examples/)", () => {
  let real: RealServicesApp;
  let clientApp: string;
  let service: ChildProcess;
  let serviceOutput = "";
  let serviceUrl = "";

  beforeAll(async () => {
    const packages = mkdtempSync(join(tmpdir(), "latch-packages-"));
    for (const name of ["@latch/client", "@latch/verify"]) {
      const packed = await outcomeOf(
        "pnpm",
        ["--filter", name, "pack", "--pack-destination", packages],
        root,
      );
      expect(packed.code, packed.output).toBe(0);
    }
    const tarball = (prefix: string) => {
      const file = readdirSync(packages).find((entry) => entry.startsWith(prefix));
      if (!file) throw new Error(`no ${prefix} tarball in ${packages}`);
      return join(packages, file);
    };
    real = await startRealServicesApp();
    const [client, serviceDir] = await Promise.all([
      installExample("client-app", [tarball("latch-client-")]),
      installExample("node-service", [tarball("latch-verify-")]),
    ]);
    clientApp = client;
    service = spawn(process.execPath, ["server.js"], {
      cwd: serviceDir,
      env: {
        NODE_ENV: "production",
        PATH: process.env.PATH ?? "",
        LATCH_URL: real.app.url,
        LATCH_REVOCATION: "ask-latch",
        PORT: "0",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    service.stdout?.on("data", (chunk: Buffer) => {
      serviceOutput += chunk.toString();
    });
    service.stderr?.on("data", (chunk: Buffer) => {
      serviceOutput += chunk.toString();
    });
    await waitFor(() => serviceOutput, /listening on (http:\S+)/);
    serviceUrl = serviceOutput.match(/listening on (http:\S+)/)?.[1] ?? "";
  });
  afterAll(async () => {
    service?.kill();
    await real?.stop();
    if (clientApp) rmSync(resolve(clientApp, ".."), { recursive: true, force: true });
  });

  it("type-checks the client app under NodeNext, where a wrong input type is an error", async () => {
    const tsc = join(clientApp, "node_modules", ".bin", "tsc");
    const clean = await outcomeOf(tsc, ["--noEmit", "-p", "."], clientApp);
    expect(clean.output).toBe("");
    expect(clean.code).toBe(0);

    const wrong = join(clientApp, "src", "wrong-input.ts");
    writeFileSync(
      wrong,
      [
        'import { createLatchClient } from "@latch/client";',
        'const latch = createLatchClient({ url: "http://localhost:3000" });',
        'await latch.api.auth.login.mutate({ email: 42, password: "x" });',
        "const id: number = (await latch.api.auth.me.query()).user.id;",
        "console.log(id);",
        "",
      ].join("\n"),
    );
    try {
      const refused = await outcomeOf(tsc, ["--noEmit", "-p", "."], clientApp);
      expect(refused.code).not.toBe(0);
      expect(refused.output).toMatch(/wrong-input\.ts\(3,\d+\): error TS2322/);
      expect(refused.output).toMatch(/wrong-input\.ts\(4,\d+\): error TS2322/);
    } finally {
      rmSync(wrong);
    }
  });

  it("signs up, activates, logs in, calls Latch and a service; the service refuses the token after logout", async () => {
    const built = await outcomeOf(
      join(clientApp, "node_modules", ".bin", "tsc"),
      ["-p", "."],
      clientApp,
    );
    expect(built.code, built.output).toBe(0);

    const email = `outside.${Date.now()}@example.com`;
    const app = spawn(process.execPath, ["dist/main.js"], {
      cwd: clientApp,
      env: {
        NODE_ENV: "production",
        PATH: process.env.PATH ?? "",
        LATCH_URL: real.app.url,
        SERVICE_URL: serviceUrl,
        EMAIL: email,
      },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let output = "";
    app.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    app.stderr?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    const exited = new Promise<number | null>((done) => app.once("exit", done));

    await waitFor(() => output, /Paste the activation link/);
    app.stdin?.end(`${await real.linkFor(email, /http:\S+\/activate\/[A-Za-z0-9_-]{32}/)}\n`);
    expect(await exited, output).toBe(0);

    expect(output).toContain(`signed up: ${email}, activation_required`);
    expect(output).toContain(`activated: ${email}`);
    expect(output).toContain(`logged in: ${email}`);
    expect(output).toContain(`latch says: ${email}`);
    expect(output).toMatch(
      new RegExp(`service says: 200 \\{"hello":"${email.replace(/\./g, "\\.")}"`),
    );
    expect(output).toContain('after logout, service says: 401 {"reason":"SESSION_REVOKED"}');
  });

  it("the service refuses a call without a token and a refresh token used as an access token", async () => {
    const missing = await fetch(`${serviceUrl}/hello`);
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({ reason: "ACCESS_TOKEN_MISSING" });

    const email = `refresh.${Date.now()}@example.com`;
    const password = "correct horse battery staple";
    const post = (procedure: string, input: unknown) =>
      fetch(`${real.app.url}/api/trpc/${procedure}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(input),
      }).then(
        (response) =>
          response.json() as Promise<{ result: { data: { tokens: { refresh: string } } } }>,
      );
    await post("auth.signup", { email, password });
    const key = (await real.linkFor(email, /\/activate\/[A-Za-z0-9_-]{32}/)).split("/").pop();
    const { tokens } = (await post("auth.activate", { key, password })).result.data;
    const refused = await fetch(`${serviceUrl}/hello`, {
      headers: { authorization: `Bearer ${tokens.refresh}` },
    });
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({ reason: "ACCESS_TOKEN_INVALID" });
  });
});
