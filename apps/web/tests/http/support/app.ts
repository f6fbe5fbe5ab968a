import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const webDir = resolve(import.meta.dirname, "../../..");

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

export interface RunningApp {
  url: string;
  /** The server's process id (the benchmark reads its memory). */
  pid: number;
  /** Everything the server printed so far. */
  output(): string;
  /** Waits until the server's output matches, e.g. a development-mailbox line. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** SIGTERM, then waits for the exit: resolves to the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL: no shutdown at all, as when a machine dies. */
  kill(): Promise<void>;
}

export interface StartOptions {
  /**
   * The host name APP_URL (and so every link and the passkeys' RP ID) names;
   * the server listens on 127.0.0.1 either way. "localhost" for WebAuthn,
   * which refuses an IP address as an RP ID. Default 127.0.0.1.
   */
  hostName?: "127.0.0.1" | "localhost";
}

/**
 * Starts the production build (dist/server.js, as `pnpm start` does) with exactly the given
 * configuration on a free loopback port. The one helper every HTTP and
 * browser suite uses to get an app.
 */
export async function startApp(
  env: Record<string, string>,
  options: StartOptions = {},
): Promise<RunningApp> {
  const built = [join(webDir, ".next", "BUILD_ID"), join(webDir, "dist", "server.js")];
  if (!built.every((file) => existsSync(file))) {
    throw new Error("apps/web has no production build: run `pnpm build` (the test command does).");
  }
  const port = await freePort();
  const url = `http://${options.hostName ?? "127.0.0.1"}:${port}`;
  // Node itself, not `pnpm start`: pnpm runs the server as its child, and SIGKILL to pnpm
  // would leave that child serving.
  const child: ChildProcess = spawn(process.execPath, ["dist/server.js"], {
    cwd: webDir,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(port),
      HOST: "127.0.0.1",
      APP_URL: url,
      LATCH_DATA_DIR: mkdtempSync(join(tmpdir(), "latch-app-")),
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));

  const app: RunningApp = {
    url,
    pid: child.pid ?? 0,
    output: () => output,
    async waitForOutput(pattern, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const match = output.match(pattern);
        if (match) return match;
        if (Date.now() > deadline)
          throw new Error(`server never printed ${pattern}; output:\n${output}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      return exited;
    },
    async kill() {
      if (child.exitCode === null) child.kill("SIGKILL");
      await exited;
    },
  };

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the app exited during startup:\n${output}`);
    const ready = await fetch(`${url}/.well-known/jwks.json`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return app;
    if (Date.now() > deadline) {
      await app.stop();
      throw new Error(`the app did not become ready in 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}
