import { defineConfig } from "tsup";

// One ESM file and its declarations; jose stays a dependency, so it runs on Node and edge runtimes alike.
export default defineConfig({
  entry: ["src/index.ts"],
  format: "esm",
  platform: "neutral",
  target: "es2022",
  dts: true,
  clean: true,
});
