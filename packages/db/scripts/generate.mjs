// `prisma generate` that works offline. Run by the root postinstall.
//
// The Prisma CLI insists on a native schema-engine binary before generating,
// and downloads it from binaries.prisma.sh, which some machines cannot reach.
// Generating never runs that binary (the client compiles queries in WASM), so
// unless PRISMA_SCHEMA_ENGINE_BINARY is already set, it points at an
// executable that surely exists: this Node binary. Migrations never use the
// CLI here: see src/migrate (the WASM schema engine).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

function findRepoRoot(start) {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "pnpm-workspace.yaml"))) return dir;
    if (dirname(dir) === dir) throw new Error(`No pnpm-workspace.yaml above ${start}`);
  }
}

const here = dirname(fileURLToPath(import.meta.url));
const root = findRepoRoot(here);
const cli = createRequire(join(here, "..", "package.json")).resolve("prisma/build/index.js");

const result = spawnSync(
  process.execPath,
  [cli, "generate", "--config", join(root, "prisma.config.ts"), "--no-hints"],
  {
    cwd: root,
    stdio: "inherit",
    env: {
      ...process.env,
      PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY || process.execPath,
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
      CHECKPOINT_DISABLE: "1",
    },
  },
);
if (result.error) throw result.error;
process.exit(result.status ?? 1);
