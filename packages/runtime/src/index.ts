export { ConfigError, type Env, parseEnv, readProcessEnv } from "./env";
export { createServices, type Services } from "./services";
