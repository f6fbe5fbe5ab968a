import { existsSync } from "node:fs";
import { dirname, join } from "node:path";

/** The monorepo root (the folder holding pnpm-workspace.yaml), found from `start` upwards. */
export function findRepoRoot(start: string): string {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, "pnpm-workspace.yaml"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return start;
    dir = parent;
  }
}
