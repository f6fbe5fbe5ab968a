// Load test of the production build on real services: PostgreSQL, Redis behind
// the Upstash REST bridge, and the Resend SDK against the local recorder.
// Prints requests/s and p50/p99 latency for auth.login, auth.refresh and auth.me.
// Usage: pnpm build && pnpm bench [--duration 10 --connections 10]
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { startRealServicesApp } from "../../../apps/web/tests/http/support/real-services";

const { values } = parseArgs({
  options: {
    duration: { type: "string", default: "10" },
    connections: { type: "string", default: "10" },
  },
});
const duration = Number(values.duration);
const connections = Number(values.connections);

// A load test is one client hammering one account: scale every limit out of the way.
const CRON_SECRET = "bench-operator-secret-0123456789abcdef";
const real = await startRealServicesApp({ RATE_LIMIT_SCALE: "1000000", CRON_SECRET });
const { app } = real;

/** The steady state: the key store has vouched for an access lifetime and the feed is live. */
async function untilFeedLive() {
  await real.vouchForRevocations();
  const until = Date.now() + 10_000;
  while (Date.now() < until) {
    const ready = await fetch(`${app.url}/api/ready`, {
      headers: { authorization: `Bearer ${CRON_SECRET}` },
    });
    if (((await ready.json()) as { revocationFeed?: string }).revocationFeed === "live") return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("the revocation feed did not go live within 10 s");
}

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
  await untilFeedLive();
  await call("auth.signup", credentials);
  const link = await real.linkFor(credentials.email, /\/activate\/[A-Za-z0-9_-]{32}/);
  const key = link.split("/").pop();
  const { tokens } = (await call("auth.activate", { key, password: credentials.password })) as {
    tokens: Tokens;
  };

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
    `\nLatch bench: ${connections} connections, ${duration} s each, production build, real PostgreSQL + Redis (Upstash REST bridge), revocation feed live\n`,
  );
  console.log(rows.join("\n"));
} finally {
  await real.stop();
}
