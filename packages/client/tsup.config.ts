import { defineConfig } from "tsup";

// The JavaScript: one ESM file per entry, the @trpc packages left as dependencies.
// Declarations are bundled apart (scripts/bundle-types.mjs).
export default defineConfig({
  entry: ["src/index.ts", "src/react.ts"],
  format: "esm",
  platform: "neutral",
  target: "es2022",
  clean: true,
});
