import { defineConfig } from "vitest/config";

// Five kinds of test, each its own project so a failure says which layer broke:
// unit (pure, in-memory, fake clock), services (real PostgreSQL / Redis / HTTP
// peers), http (the built Next.js app over real HTTP), faults (the built app with its
// dependencies cut, hung or failing behind proxies), e2e (a real browser).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: [
            "packages/*/src/**/*.test.ts",
            "tooling/*/src/**/*.test.ts",
            "apps/*/src/**/*.test.ts",
          ],
        },
      },
      {
        test: {
          name: "services",
          include: ["packages/*/tests/**/*.test.ts", "tooling/*/tests/**/*.test.ts"],
          globalSetup: ["scripts/test/require-services.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: "http",
          include: ["apps/web/tests/http/**/*.test.ts"],
          globalSetup: ["scripts/test/require-services.ts"],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: "faults",
          include: ["apps/web/tests/faults/**/*.test.ts"],
          globalSetup: ["scripts/test/require-services.ts"],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["apps/web/tests/e2e/**/*.test.ts"],
          globalSetup: ["scripts/test/require-services.ts"],
          // A real browser against the production build: slower than anything above.
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
