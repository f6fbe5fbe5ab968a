import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The monorepo root: the nearest folder above `start` holding pnpm-workspace.yaml, or null. */
function findRepoRoot(start: string): string | null {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, "pnpm-workspace.yaml"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/**
 * Where prisma/ lives. Looked up from this module first (scripts may run from
 * any folder), then from the working directory, because a bundler (Next.js)
 * can move this module's code somewhere without a path back to the repository.
 */
export function repoPaths() {
  const here = moduleDir();
  const root = (here && findRepoRoot(here)) ?? findRepoRoot(process.cwd());
  if (!root) {
    throw new Error(
      `Cannot find the Latch repository (a folder with pnpm-workspace.yaml) above ${process.cwd()}`,
    );
  }
  return {
    root,
    schema: join(root, "prisma", "schema.prisma"),
    migrations: join(root, "prisma", "migrations"),
    dataDir: join(root, ".data"),
    /** The Next.js app, whose env files (.env.local) the scripts read too. */
    webApp: join(root, "apps", "web"),
  };
}

function moduleDir(): string | null {
  try {
    return dirname(fileURLToPath(import.meta.url));
  } catch {
    return null;
  }
}
