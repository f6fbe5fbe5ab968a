import "server-only";
import { createServices, readProcessEnv, type Services } from "@latch/composition";

// One set of services per server process; kept on globalThis so development
// hot reloads reuse the embedded database instead of starting a second one.
const globalForServices = globalThis as typeof globalThis & { latchServices?: Promise<Services> };

export function getServices(): Promise<Services> {
  globalForServices.latchServices ??= start();
  return globalForServices.latchServices;
}

async function start(): Promise<Services> {
  const services = await createServices(readProcessEnv());
  services.logger.info({ parts: services.summary }, "ready");
  return services;
}
