// The production server: Next's request handler on Latch's Node listener (@latch/api/node),
// which answers /api/trpc itself and owns shutdown. On SIGTERM (or SIGINT) it stops taking
// connections, lets in-flight requests finish, lets the outbox worker finish its batch,
// closes the database and key-store pools, and exits 0. `pnpm start` runs it compiled, as
// dist/server.js (scripts/build-server.mjs, part of `pnpm build`).

import { dirname } from "node:path";
import { createLatchListener } from "@latch/api/node";
import { readProcessEnv, sharedServices } from "@latch/composition";
import next from "next";
import { API_ENDPOINT, createApiHandler } from "./src/server/api-handler";

const env = readProcessEnv();
const hostname = env.HOST;
// The app (next.config.ts, .next/) is the folder above dist/, where this file runs compiled.
const app = next({ dev: false, dir: dirname(import.meta.dirname), hostname, port: env.PORT });

// Started here, before Next: its bundles find this one set (sharedServices), so the process
// has one database pool and one outbox worker.
const starting = sharedServices();
let listener: ReturnType<typeof createLatchListener> | undefined;
const shutDown = async (signal: string) => {
  const closeRest = async () => {
    await (await starting.catch(() => null))?.close();
    await app.close();
  };
  if (listener) return void listener.shutDown(signal, closeRest);
  await closeRest();
  process.exit(0);
};
// Registered before startup, so a signal while the services or Next prepare still shuts down
// cleanly. `on`, not `once`: a second signal during shutdown must find a listener, or Node's
// default would end the process before the requests in flight finish.
process.on("SIGTERM", () => void shutDown("SIGTERM"));
process.on("SIGINT", () => void shutDown("SIGINT"));

try {
  listener = createLatchListener({
    api: createApiHandler(await starting),
    apiEndpoint: API_ENDPOINT,
  });
} catch (error) {
  console.error(`[latch] cannot start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

await app.prepare();
if (!listener.stopping) {
  listener.servePages(app.getRequestHandler());
  listener.server.listen(env.PORT, hostname, () => {
    console.log(`[latch] listening on http://${hostname}:${env.PORT}`);
  });
}
