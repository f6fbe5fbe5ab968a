export { ConfigError, type Env, parseEnv, readProcessEnv } from "./env";
export { createServices, type Services, withDeferral } from "./services";
