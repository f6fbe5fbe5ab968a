// Email delivery latency through the outbox, on the production build with real services:
// N concurrent journeys (signup, activation from the emailed link, password reset from the
// emailed link, again) for a while; then, for every email, the time from the commit of its
// outbox entry (created_at) to the provider receiving it. Prints p50/p99/max, errors, losses.
// Usage: pnpm build && pnpm bench:outbox [--journeys 20 --duration 60]
import { parseArgs } from "node:util";
import pg from "pg";
import { startRealServicesApp } from "../../../apps/web/tests/http/support/real-services";

const { values } = parseArgs({
  options: {
    journeys: { type: "string", default: "20" },
    duration: { type: "string", default: "60" },
  },
});
const journeys = Number(values.journeys);
const durationMs = Number(values.duration) * 1000;

const real = await startRealServicesApp({ RATE_LIMIT_SCALE: "1000000", TRUST_PROXY: "true" });
const url = real.app.url;
const password = "correct horse battery staple";
let errors = 0;
let completed = 0;

async function call(procedure: string, input: unknown, ip: string) {
  const response = await fetch(`${url}/api/trpc/${procedure}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": ip },
    body: JSON.stringify(input),
  });
  if (!response.ok) throw new Error(`${procedure}: ${response.status} ${await response.text()}`);
}

async function journey(n: number, deadline: number) {
  const ip = `198.51.100.${(n % 250) + 1}`;
  for (let round = 0; Date.now() < deadline; round++) {
    const email = `bench.${n}.${round}.${Date.now()}@example.com`;
    try {
      await call("auth.signup", { email, password }, ip);
      const activation = await real.linkFor(email, /\/activate\/[A-Za-z0-9_-]{32}/);
      await call("auth.activate", { key: activation.split("/").pop(), password }, ip);
      await call("auth.requestPasswordReset", { email }, ip);
      const reset = await real.linkFor(email, /\/reset-password\/[A-Za-z0-9_-]{32}/);
      await call(
        "auth.resetPassword",
        { key: reset.split("/").pop(), password: `${password} 2` },
        ip,
      );
      completed += 1;
    } catch (error) {
      errors += 1;
      console.error(String(error).slice(0, 200));
    }
  }
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

try {
  const deadline = Date.now() + durationMs;
  await Promise.all(Array.from({ length: journeys }, (_, n) => journey(n, deadline)));
  // The last "password changed" emails are still on their way.
  await new Promise((resolve) => setTimeout(resolve, 3000));

  const db = new pg.Client({ connectionString: real.databaseUrl });
  await db.connect();
  const { rows } = await db.query<{ id: string; status: string; created_at: Date }>(
    "SELECT id, status, created_at FROM outbox",
  );
  await db.end();
  const receivedAt = new Map(
    real.delivered().map((message) => [message.idempotencyKey, message.receivedAt.getTime()]),
  );
  const latencies = rows
    .filter((row) => row.status === "sent")
    .map((row) => (receivedAt.get(row.id) ?? Number.NaN) - row.created_at.getTime())
    .sort((a, b) => a - b);
  const unsent = rows.filter((row) => row.status !== "sent" && row.status !== "dropped");
  const duplicates = real.delivered().length - new Set(receivedAt.keys()).size;
  console.log(
    [
      `outbox delivery latency, ${journeys} concurrent journeys for ${durationMs / 1000} s:`,
      `  journeys completed: ${completed}, errors: ${errors}`,
      `  emails sent: ${latencies.length}, not sent: ${unsent.length}, delivered twice: ${duplicates}`,
      `  commit → provider: p50 ${percentile(latencies, 50).toFixed(0)} ms, p99 ${percentile(latencies, 99).toFixed(0)} ms, max ${(latencies.at(-1) ?? Number.NaN).toFixed(0)} ms`,
    ].join("\n"),
  );
} finally {
  await real.stop();
}
