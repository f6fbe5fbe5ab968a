// The production server: Next's request handler on a plain Node HTTP server, so
// that Latch owns shutdown. On SIGTERM (or SIGINT) it stops taking connections,
// lets in-flight requests finish, lets the outbox worker finish its batch, closes
// the database and key-store pools, and exits 0. `pnpm start` runs this file.
import { createServer } from "node:http";
import { readProcessEnv, type Services } from "@latch/composition";
import next from "next";

/** Longer than any request may take (every dependency call has a deadline of a few seconds). */
const SHUTDOWN_DEADLINE_MS = 25_000;

const env = readProcessEnv();
const hostname = env.HOST;
const app = next({ dev: false, dir: import.meta.dirname, hostname, port: env.PORT });
await app.prepare();
const handle = app.getRequestHandler();
const server = createServer((request, response) => {
  void handle(request, response);
});
server.listen(env.PORT, hostname, () => {
  console.log(`[latch] listening on http://${hostname}:${env.PORT}`);
});

let stopping = false;
async function shutDown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`[latch] ${signal}: no new connections; finishing requests in flight`);
  const deadline = setTimeout(() => {
    console.error("[latch] shutdown deadline passed: exiting with requests still open");
    process.exit(1);
  }, SHUTDOWN_DEADLINE_MS);
  deadline.unref();
  const closed = new Promise<void>((done) => server.close(() => done()));
  // A keep-alive connection whose last request just finished would hold close() open
  // until its timeout: close each as soon as it falls idle.
  const sweep = setInterval(() => server.closeIdleConnections(), 50);
  await closed;
  clearInterval(sweep);
  // The services live in the route bundles' module graph; they publish themselves here.
  const services = (globalThis as { latchServices?: Promise<Services> }).latchServices;
  await (await services?.catch(() => null))?.close();
  await app.close();
  console.log("[latch] stopped cleanly");
  process.exit(0);
}
// `on`, not `once`: tsx's loader re-raises a signal that no listener is left to handle.
process.on("SIGTERM", () => void shutDown("SIGTERM"));
process.on("SIGINT", () => void shutDown("SIGINT"));
