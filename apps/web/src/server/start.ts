import { createApiHandler } from "./api-handler";
import { getServices } from "./services";

// Node runtime only (imported from instrumentation.ts): start the services at
// boot so a bad configuration stops the server with a clear message.
try {
  const services = await getServices();
  // server.ts serves /api/trpc with this before Next's router sees the request.
  (globalThis as { latchApi?: (request: Request) => Promise<Response> }).latchApi =
    createApiHandler(services);
} catch (error) {
  console.error(`[latch] cannot start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
