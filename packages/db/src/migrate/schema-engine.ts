import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { ErrorCapturingSqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import * as glue from "@prisma/schema-engine-wasm/schema_engine_bg";
import { repoPaths } from "../repo-root";

export type SchemaEngine = glue.SchemaEngine;

interface PanicRegistry {
  set_message(message: string): void;
}

let loaded: Promise<void> | null = null;
/** A Rust panic reports its message here, then surfaces as an opaque "RuntimeError: unreachable". */
let lastPanic: string | null = null;

/**
 * The package's own entry does `import * as wasm from "./x.wasm"`, which Node
 * cannot import, so the module is instantiated here against the JS glue, once
 * per process (the glue keeps the instance in a module-level variable).
 */
function loadWasm(): Promise<void> {
  loaded ??= (async () => {
    // The glue reports panics to this global, which Prisma's other WASM modules share.
    const global = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: PanicRegistry };
    const previous = global.PRISMA_WASM_PANIC_REGISTRY;
    global.PRISMA_WASM_PANIC_REGISTRY = {
      set_message(message) {
        lastPanic = message;
        previous?.set_message(message);
      },
    };
    const bytes = await readFile(wasmPath());
    const { instance } = await wasmApi().instantiate(bytes, { "./schema_engine_bg.js": glue });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
  })().catch((error: unknown) => {
    loaded = null;
    throw error;
  });
  return loaded;
}

/** The slice of the WebAssembly global used here (this package's TypeScript lib has no DOM types). */
interface WasmApi {
  instantiate(
    bytes: Uint8Array,
    imports: Record<string, object>,
  ): Promise<{ instance: { exports: Record<string, unknown> } }>;
}

const wasmApi = () => (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

const GLUE = "@prisma/schema-engine-wasm/schema_engine_bg";
const WASM_FILE = "schema_engine_bg.wasm";

/**
 * Next to the glue module as Node resolves it from here; failing that (a
 * bundler moved this code, or Turbopack turned the static require.resolve
 * into its own module id), where pnpm or a hoisting package manager puts it.
 */
function wasmPath(): string {
  const candidates: string[] = [];
  try {
    const resolved: unknown = createRequire(import.meta.url).resolve(GLUE);
    if (typeof resolved === "string") candidates.push(dirname(resolved));
  } catch {
    // Not resolvable from this module's location: the repository's layout follows.
  }
  const find = () => candidates.map((dir) => join(dir, WASM_FILE)).find((file) => existsSync(file));
  let found = find();
  if (!found) {
    const { root } = repoPaths();
    candidates.push(
      join(root, "packages/db/node_modules/@prisma/schema-engine-wasm"),
      join(root, "node_modules/@prisma/schema-engine-wasm"),
    );
    found = find();
  }
  if (!found) throw new Error(`Cannot find ${WASM_FILE} (looked in ${candidates.join(", ")})`);
  return found;
}

/**
 * Runs `use` with a schema engine talking to the database through the given
 * adapter factory, then frees it. Errors raised inside the driver adapter
 * reach us only as "External error id#N"; they are swapped back for the
 * original error so the message says what PostgreSQL said.
 */
export async function withSchemaEngine<T>(
  datamodel: { path: string; content: string },
  adapterFactory: ErrorCapturingSqlMigrationAwareDriverAdapterFactory,
  use: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  await loadWasm();
  const ignoreLog = () => undefined;
  let engine: SchemaEngine | null = null;
  lastPanic = null;
  try {
    engine = await glue.SchemaEngine.new(
      { datamodels: [[datamodel.path, datamodel.content]] },
      ignoreLog,
      adapterFactory,
    );
    return await use(engine);
  } catch (error) {
    throw withOriginalCause(error, adapterFactory);
  } finally {
    engine?.free();
  }
}

function withOriginalCause(
  error: unknown,
  adapterFactory: ErrorCapturingSqlMigrationAwareDriverAdapterFactory,
): unknown {
  if (lastPanic) return new Error(`The schema engine crashed: ${lastPanic}`, { cause: error });
  const id = /External error id#(\d+)/.exec(String(error))?.[1];
  if (id === undefined) return error;
  const original = adapterFactory.errorRegistry.consumeError(Number(id))?.error;
  if (original === undefined) return error;
  const message = original instanceof Error ? original.message : JSON.stringify(original);
  return new Error(`Migration failed: ${message}`, { cause: original });
}
