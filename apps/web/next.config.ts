import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const config: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // `pnpm typecheck` (tsc in every package, part of `pnpm test`) is the one type check.
  typescript: { ignoreBuildErrors: true },
  // Workspace packages ship TypeScript source.
  transpilePackages: [
    "@latch/api",
    "@latch/auth",
    "@latch/breached-passwords",
    "@latch/client",
    "@latch/db",
    "@latch/keystore",
    "@latch/mail",
    "@latch/ratelimit",
    "@latch/composition",
    "@latch/i18n",
    "@latch/validators",
    "@latch/webhooks",
  ],
  // Native addons, WASM and drivers load at run time from node_modules rather than through the bundler.
  serverExternalPackages: [
    "@node-rs/argon2",
    "@electric-sql/pglite",
    "@electric-sql/pglite-socket",
    "@prisma/client",
    "@prisma/adapter-pg",
    "@prisma/driver-adapter-utils",
    "pg",
  ],
};

// next-intl reads each request's language and messages from src/i18n/request.ts.
export default createNextIntlPlugin("./src/i18n/request.ts")(config);
