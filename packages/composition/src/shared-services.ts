import { readProcessEnv } from "./env";
import { createServices, type Services } from "./services";

/**
 * The one set of services of a server process. The Node server (apps/web
 * server.ts) and Next's server bundles are separate module graphs, each with
 * its own copy of this module, so the set is kept in one typed slot of the
 * process's global object: whoever asks first starts it (server.ts under
 * `pnpm start`, Next under `next dev`), everyone else gets the same one. Dev
 * hot reloads reuse it too, instead of starting a second embedded database.
 */
const registry = globalThis as typeof globalThis & { latchServices?: Promise<Services> };

export function sharedServices(): Promise<Services> {
  registry.latchServices ??= start();
  return registry.latchServices;
}

async function start(): Promise<Services> {
  const services = await createServices(readProcessEnv());
  services.logger.info({ parts: services.summary }, "ready");
  return services;
}
