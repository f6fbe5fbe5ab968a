import "server-only";
import { sharedServices } from "@latch/composition";

/** This process's one set of services: the one server.ts started, or (next dev) a new one. */
export const getServices = sharedServices;
