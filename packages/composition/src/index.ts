export { ConfigError, type Env, parseEnv, readProcessEnv } from "./env";
export { createLogger, errorSummary, type Logger } from "./logger";
export type { OutboxRunner } from "./outbox-runner";
export { createServices, type Services } from "./services";
export { sharedServices } from "./shared-services";
export { webPages } from "./web-pages";
