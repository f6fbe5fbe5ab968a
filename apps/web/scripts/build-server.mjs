// Compiles server.ts, `pnpm start`'s entry, and everything it imports into dist/, so that
// production runs plain JavaScript on plain node, with no TypeScript loader in the process.
// Run by `pnpm build` after `next build`.
//
// What is bundled: the workspace packages (@latch/*, whose exports are TypeScript sources)
// and the third-party JavaScript they use. Under pnpm's strict layout a package resolves only
// from the workspace package that declares it, so Prisma's client, pino, resend, jose,
// @upstash/redis, ... are not resolvable from apps/web/dist; bundling them is what makes the
// compiled server find them. What stays external: apps/web's own dependencies, which resolve
// from here. They include Next (the very copy `next build` used) and the packages that cannot
// be bundled because they load files that sit beside their own modules: @node-rs/argon2 (a
// native addon) and PGlite (WASM and data files; loaded by import() only when the server
// runs on embedded defaults), which apps/web declares for that reason.
import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { build } from "esbuild";

const webDir = join(import.meta.dirname, "..");
const outdir = join(webDir, "dist");
const { dependencies } = JSON.parse(await readFile(join(webDir, "package.json"), "utf8"));
const external = Object.entries(dependencies)
  .filter(([, version]) => !version.startsWith("workspace:"))
  .map(([name]) => name);

await rm(outdir, { recursive: true, force: true });
await build({
  entryPoints: { server: join(webDir, "server.ts") },
  outdir,
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  // The embedded database and the offline migrator stay in chunks of their own, loaded by
  // import() only when used, as in the source.
  splitting: true,
  external,
  logLevel: "warning",
  // Bundled CommonJS modules call require() for Node's built-ins; an ES module has none.
  banner: {
    js: 'import { createRequire as __latchCreateRequire } from "node:module"; const require = __latchCreateRequire(import.meta.url);',
  },
});
