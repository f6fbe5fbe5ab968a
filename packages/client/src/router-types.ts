import type { AppRouter } from "@latch/api";
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";

/** Every procedure's input, e.g. `LatchInputs["auth"]["login"]`. */
export type LatchInputs = inferRouterInputs<AppRouter>;
/** Every procedure's answer, e.g. `LatchOutputs["auth"]["me"]["user"]`. */
export type LatchOutputs = inferRouterOutputs<AppRouter>;
