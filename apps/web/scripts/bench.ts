// Load test of the production build on real services: PostgreSQL, Redis behind
// the Upstash REST bridge, and the Resend SDK against the local recorder.
// Prints requests/s and p50/p99 latency for auth.login, auth.refresh and auth.me.
// Usage: pnpm build && pnpm bench  [-- --duration 10 --connections 10]
import { parseArgs } from "node:util";
import { generateSigningKey } from "@latch/auth";
import { migrate } from "@latch/db/migrate";
import { startUpstashBridge } from "@latch/keystore/bridge";
import { startRecordingResendServer } from "@latch/mail/testing";
import autocannon from "autocannon";
import pg from "pg";
import { testServices } from "../../../scripts/test/services";
import { startApp } from "../tests/http/support/app";

const { values } = parseArgs({
  options: {
    duration: { type: "string", default: "10" },
    connections: { type: "string", default: "10" },
  },
});
const duration = Number(values.duration);
const connections = Number(values.connections);

const database = `latch_bench_${Date.now()}`;
const admin = new pg.Client({ connectionString: testServices.postgresUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${database}`);
const databaseUrl = new URL(testServices.postgresUrl);
databaseUrl.pathname = `/${database}`;
await migrate(databaseUrl.toString());
const bridge = await startUpstashBridge({ redisUrl: testServices.redisUrl, token: "bench" });
const resend = await startRecordingResendServer({ apiKey: "re_bench" });
const app = await startApp({
  DATABASE_URL: databaseUrl.toString(),
  UPSTASH_REDIS_REST_URL: bridge.url,
  UPSTASH_REDIS_REST_TOKEN: "bench",
  KEY_STORE_PREFIX: `${database}:`,
  RESEND_API_KEY: "re_bench",
  RESEND_BASE_URL: resend.url,
  AUTH_SECRET: "bench-secret-bench-secret-bench-secret-123",
  JWT_PRIVATE_KEY: JSON.stringify((await generateSigningKey()).privateJwk),
  LOGIN_FAILURES_PER_WINDOW: "1000000",
});

async function call(path: string, body: unknown, token?: string) {
  const response = await fetch(`${app.url}/api/trpc/${path}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as { result?: { data: Record<string, unknown> } };
  if (!response.ok || !json.result) throw new Error(`${path} failed: ${JSON.stringify(json)}`);
  return json.result.data;
}

type Tokens = { access: string; refresh: string };
const credentials = { email: "bench@example.com", password: "correct horse battery staple" };

try {
  await call("auth.signup", credentials);
  const mail = await resend.waitFor(() => true, 10_000);
  const key = String(mail.body.text).match(/activate\/([A-Za-z0-9_-]{32})/)?.[1];
  const { tokens } = (await call("auth.activate", { key })) as { tokens: Tokens };

  // One session per connection: refresh rotates, so no two requests may carry the same token.
  const refreshTokens: string[] = [];
  for (let i = 0; i < connections; i++) {
    refreshTokens.push(
      ((await call("auth.login", credentials)) as { tokens: Tokens }).tokens.refresh,
    );
  }

  const scenarios: Record<string, autocannon.Options> = {
    "auth.login": {
      url: `${app.url}/api/trpc/auth.login`,
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(credentials),
    },
    "auth.refresh": {
      url: `${app.url}/api/trpc/auth.refresh`,
      requests: [
        {
          method: "POST",
          headers: { "content-type": "application/json" },
          // autocannon resets its per-connection context after every request,
          // so live tokens wait in a shared pool: each response returns one.
          setupRequest: (request) => ({
            ...request,
            body: JSON.stringify({ refresh: refreshTokens.pop() }),
          }),
          onResponse: (status, body) => {
            if (status === 200) refreshTokens.push(JSON.parse(body).result.data.tokens.refresh);
          },
        },
      ],
    },
    "auth.me": {
      url: `${app.url}/api/trpc/auth.me`,
      method: "GET",
      headers: { authorization: `Bearer ${tokens.access}` },
    },
  };

  const rows: string[] = [];
  for (const [name, options] of Object.entries(scenarios)) {
    const result = await autocannon({ ...options, connections, duration });
    const failed = result.non2xx + result.errors + result.timeouts;
    rows.push(
      `${name.padEnd(14)} ${result.requests.average.toFixed(1).padStart(8)} req/s   p50 ${String(result.latency.p50).padStart(5)} ms   p99 ${String(result.latency.p99).padStart(5)} ms   ${result.requests.total} requests, ${failed} failed`,
    );
  }
  console.log(
    `\nLatch bench: ${connections} connections, ${duration} s each, production build, real PostgreSQL + Redis (Upstash REST bridge)\n`,
  );
  console.log(rows.join("\n"));
} finally {
  await app.stop();
  await bridge.close();
  await resend.close();
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.end();
}
