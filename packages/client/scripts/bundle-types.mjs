// Bundles the declarations tsc wrote to .types/ into dist/*.d.ts, inlining
// Latch's own packages, so a project using the client needs none of Latch's
// sources and type-checks none of its server.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { rollup } from "rollup";
import { dts } from "rollup-plugin-dts";

const types = new URL("../.types/packages/", import.meta.url).pathname;
const latchPackages = {
  "@latch/api": "api",
  "@latch/auth": "auth",
  "@latch/i18n/locales": "i18n/src/locales.d.ts",
  "@latch/validators": "validators",
};
// The server's key types name jose's JWK: inlined too, so the client needs no jose.
const inlined = {
  jose: createRequire(import.meta.url)
    .resolve("jose")
    .replace(/dist\/.*$/, "dist/types/types.d.ts"),
};

/** `@latch/api` -> the declaration tsc wrote for that package's entry; jose -> its own. */
const resolveInlined = {
  name: "resolve-inlined",
  resolveId(source) {
    const folder = latchPackages[source];
    if (folder?.endsWith(".d.ts")) return `${types}${folder}`;
    return folder ? `${types}${folder}/src/index.d.ts` : (inlined[source] ?? null);
  },
};

const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
const installed = Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies });
const isInstalled = (id) => installed.some((name) => id === name || id.startsWith(`${name}/`));

for (const entry of ["index", "react"]) {
  const bundle = await rollup({
    input: `${types}client/src/${entry}.d.ts`,
    plugins: [resolveInlined, dts()],
    // zod is named by validators the router's types do not keep: left out, not installed.
    external: (id) => isInstalled(id) || id === "zod",
  });
  const { output } = await bundle.write({
    file: `dist/${entry}.d.ts`,
    format: "es",
    inlineDynamicImports: true,
  });
  await bundle.close();
  // An import a user's project cannot resolve would silently turn types into `any`.
  const missing = output.flatMap((chunk) => chunk.imports ?? []).filter((id) => !isInstalled(id));
  if (missing.length > 0) throw new Error(`dist/${entry}.d.ts imports ${missing.join(", ")}`);
}
