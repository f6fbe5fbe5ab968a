export { parseEnv, readProcessEnv } from "./env";
export { errorSummary } from "./logger";
export { createServices, type Services } from "./services";
export { sharedServices } from "./shared-services";
export { webPages } from "./web-pages";
