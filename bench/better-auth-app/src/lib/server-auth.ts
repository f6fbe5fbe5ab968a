import pg from "pg";
import { type BenchAuth, createBenchAuth } from "./auth";

const required = (name: string) => {
  // biome-ignore lint/style/noProcessEnv: the benchmark peer's one configuration point
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

let auth: BenchAuth | undefined;

/** Made on first request: `next build` loads this module without the server's environment. */
export function serverAuth(): BenchAuth {
  auth ??= createBenchAuth({
    pool: new pg.Pool({ connectionString: required("DATABASE_URL"), max: 10 }),
    secret: required("BETTER_AUTH_SECRET"),
    baseUrl: required("BETTER_AUTH_URL"),
  });
  return auth;
}
