import nextEnv from "@next/env";

// A CommonJS bundle whose named exports Node cannot see from an ES module: take them off the default.
const { loadEnvConfig } = nextEnv;

/**
 * The environment the app itself runs with: the process environment over the
 * app's env files (`apps/web/.env.local` and the rest), read by Next.js's own
 * loader with its precedence, so `pnpm db:migrate` reaches the database that
 * `pnpm dev` and `pnpm start` use. `development` false reads
 * `.env.production*`, true `.env.development*`, as `next start` and `next dev` do.
 */
export function appEnvironment(
  webAppDir: string,
  development: boolean,
): Record<string, string | undefined> {
  const quiet = { info: () => undefined, error: (...args: unknown[]) => console.error(...args) };
  return loadEnvConfig(webAppDir, development, quiet).combinedEnv;
}
