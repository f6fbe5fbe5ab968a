import { getServices } from "./services";

// Node runtime only (imported from instrumentation.ts): start the services at boot, or find
// the ones server.ts started, so a bad configuration stops the server with a clear message.
try {
  await getServices();
} catch (error) {
  console.error(`[latch] cannot start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
