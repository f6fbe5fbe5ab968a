// Child process for embedded.test.ts: opens the embedded database on argv[2],
// prints its connection string, and serves until stdin closes (or it is killed).
import { startEmbeddedPostgres } from "../../src/embedded";

const dataDir = process.argv[2];
if (!dataDir) throw new Error("usage: hold-embedded.ts <dataDir>");
const embedded = await startEmbeddedPostgres({ dataDir });
process.stdout.write(`${JSON.stringify({ connectionString: embedded.connectionString })}\n`);
process.stdin.resume();
process.stdin.on("end", () => {
  void embedded.close().then(() => process.exit(0));
});
