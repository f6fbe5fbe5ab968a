import "server-only";
import { createServices, readProcessEnv, type Services } from "@latch/runtime";

// One set of services per server process; kept on globalThis so development
// hot reloads reuse the embedded database instead of starting a second one.
const globalForServices = globalThis as typeof globalThis & { latchServices?: Promise<Services> };

export function getServices(): Promise<Services> {
  globalForServices.latchServices ??= start();
  return globalForServices.latchServices;
}

async function start(): Promise<Services> {
  const services = await createServices(readProcessEnv());
  console.log(["[latch] ready:", ...services.summary.map((line) => `  ${line}`)].join("\n"));
  return services;
}
