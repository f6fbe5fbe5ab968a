import { parseArgs } from "node:util";
import { startFakeRangeServer } from "../src";

// `pnpm --filter @latch/fake-pwned-range start --port 8089 "a breached password" ...`
// then run the app with BREACHED_PASSWORD_API_URL=http://127.0.0.1:8089.
const { values, positionals } = parseArgs({
  options: { port: { type: "string", default: "8089" } },
  allowPositionals: true,
  // pnpm passes a separating "--" through to the script.
  args: process.argv.slice(2).filter((arg) => arg !== "--"),
});
const server = await startFakeRangeServer({ breached: positionals, port: Number(values.port) });
console.log(`fake range API at ${server.url} (${positionals.length} breached password(s))`);
