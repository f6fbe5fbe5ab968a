export type { AppRouter } from "@latch/api";
export {
  isLatchError,
  type LatchClientError,
  type LatchErrorReason,
  latchErrorReason,
} from "./errors";
export { createLatchClient, type LatchClient, type LatchClientOptions } from "./latch-client";
export type { LatchInputs, LatchOutputs } from "./router-types";
export { type SessionEffect, sessionEffectOf, sessionEffects } from "./session-rules";
export {
  browserTokenStorage,
  memoryTokenStorage,
  type StoredTokens,
  type StringStorage,
  type TokenStorage,
} from "./token-storage";
