// Latch beside Better Auth on one box, in one run, the two sides alternating:
// Latch's production build on real PostgreSQL and Redis (the Upstash REST
// bridge), Better Auth 1.x with email and password in a Next.js app of the
// same Next.js version on the same PostgreSQL, and a Next.js route that
// returns a constant (the ceiling for anything served through Next.js); and
// the floor of a refresh (its token check, commit and two signatures without
// HTTP, src/refresh-floor.ts), with refresh as a share of it.
// Prints requests/s, p50, p99 and the ratios, and writes docs/benchmarks.md
// with a chart. Usage: pnpm bench:compare [--duration 5 --rounds 3 --connections 10 --no-build]
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { createCaller, createContextInner } from "@latch/api";
import { createArgon2Hasher } from "@latch/auth";
import { createBenchAuth, migrateBenchAuth } from "@latch/bench-better-auth";
import { createServices, parseEnv } from "@latch/composition";
import autocannon from "autocannon";
import pg from "pg";
import { startRealServicesApp } from "../../../apps/web/tests/http/support/real-services";
import { testServices } from "../../../scripts/test/services";
import { refreshFloor } from "../src/refresh-floor";

const { values } = parseArgs({
  options: {
    duration: { type: "string", default: "5" },
    rounds: { type: "string", default: "3" },
    connections: { type: "string", default: "10" },
    "no-build": { type: "boolean", default: false },
  },
});
const duration = Number(values.duration);
const rounds = Number(values.rounds);
const connections = Number(values.connections);
const repo = resolve(import.meta.dirname, "../../..");
const NOTES_MARKER = "<!-- notes below are kept by pnpm bench:compare -->";
const peerDir = resolve(repo, "bench/better-auth-app");
const password = "correct horse battery staple";

if (!values["no-build"]) {
  console.log("building Latch and the Better Auth app (production builds)...");
  execFileSync(
    "pnpm",
    [
      "exec",
      "turbo",
      "run",
      "build",
      "--filter=@latch/web",
      "--filter=@latch/bench-better-auth",
      "--output-logs=errors-only",
    ],
    { cwd: repo, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } },
  );
}

// ---- the peer: Better Auth on its own database in the same PostgreSQL ----
const peerDatabase = `latch_bench_better_auth_${Date.now()}`;
const admin = new pg.Client({ connectionString: testServices.postgresUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${peerDatabase}`);
const peerDatabaseUrl = (() => {
  const url = new URL(testServices.postgresUrl);
  url.pathname = `/${peerDatabase}`;
  return url.toString();
})();

async function freePort(): Promise<number> {
  const { createServer } = await import("node:net");
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  server.close();
  return typeof address === "object" && address ? address.port : 0;
}

const peerPort = await freePort();
const peerUrl = `http://127.0.0.1:${peerPort}`;
const peerEnv = { secret: "bench-better-auth-secret-0123456789abcdef", baseUrl: peerUrl };
const peerPool = new pg.Pool({ connectionString: peerDatabaseUrl, max: 10 });
const inProcessPeer = createBenchAuth({ ...peerEnv, pool: peerPool });
await migrateBenchAuth(inProcessPeer);

let peer: ChildProcess | undefined;
const real = await startRealServicesApp({
  RATE_LIMIT_SCALE: "1000000",
  CRON_SECRET: "bench-operator-secret-0123456789abcdef",
});
const latchUrl = real.app.url;

async function waitUntilUp(url: string) {
  const until = Date.now() + 60_000;
  while (Date.now() < until) {
    if (
      await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not come up`);
}

function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kib = Number(status.match(/VmRSS:\s+(\d+)/)?.[1] ?? 0);
  return Math.round(kib / 1024);
}

/** The server process behind `next start` (pnpm and the next CLI may sit in between). */
function deepestChild(pid: number): number {
  try {
    const children = execFileSync("pgrep", ["-P", String(pid)], { encoding: "utf8" })
      .trim()
      .split("\n")
      .filter(Boolean);
    return children.length ? deepestChild(Number(children[0])) : pid;
  } catch {
    return pid;
  }
}

interface Scenario {
  name: string;
  side: "Latch" | "Better Auth" | "ceiling";
  kind: "session check" | "login" | "refresh" | "ceiling";
  options: autocannon.Options;
  /** Runs before each measurement (refresh: a fresh token per connection). */
  before?: () => Promise<void>;
}

interface Measured {
  scenario: Scenario;
  rps: number[];
  p50: number[];
  p99: number[];
  failed: number;
}

const median = (numbers: number[]) => {
  const sorted = [...numbers].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

try {
  peer = spawn(process.execPath, [resolve(peerDir, "node_modules/next/dist/bin/next"), "start"], {
    cwd: peerDir,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(peerPort),
      HOSTNAME: "127.0.0.1",
      DATABASE_URL: peerDatabaseUrl,
      BETTER_AUTH_SECRET: peerEnv.secret,
      BETTER_AUTH_URL: peerUrl,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  await waitUntilUp(`${peerUrl}/api/constant`);
  await real.vouchForRevocations();
  const operator = { authorization: "Bearer bench-operator-secret-0123456789abcdef" };
  for (let i = 0; ; i++) {
    const ready = (await (await fetch(`${latchUrl}/api/ready`, { headers: operator })).json()) as {
      revocationFeed?: string;
    };
    if (ready.revocationFeed === "live") break;
    if (i > 200) throw new Error("Latch's revocation feed did not go live");
    await new Promise((r) => setTimeout(r, 50));
  }

  // ---- accounts on both sides ----
  const latch = async (path: string, body: unknown) => {
    const response = await fetch(`${latchUrl}/api/trpc/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const json = (await response.json()) as { result?: { data: Record<string, unknown> } };
    if (!json.result) throw new Error(`${path}: ${JSON.stringify(json)}`);
    return json.result.data;
  };
  type Tokens = { access: string; refresh: string };
  const latchUser = { email: "bench@example.com", password };
  await latch("auth.signup", latchUser);
  const link = await real.linkFor(latchUser.email, /\/activate\/[A-Za-z0-9_-]{32}/);
  const { tokens } = (await latch("auth.activate", {
    key: link.split("/").pop(),
    password,
  })) as { tokens: Tokens };
  // Refresh rotates: each request spends a token and its answer returns the next. Tokens in
  // flight when a run stops are lost, so every run starts from a full pool.
  const refreshPool: string[] = [];
  const fillRefreshPool = async () => {
    refreshPool.length = 0;
    for (let i = 0; i < connections; i++) {
      const { tokens: fresh } = (await latch("auth.login", latchUser)) as { tokens: Tokens };
      refreshPool.push(fresh.refresh);
    }
  };

  const peerUser = { email: "bench@example.com", password, name: "Bench" };
  const signedUp = await fetch(`${peerUrl}/api/auth/sign-up/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: peerUrl },
    body: JSON.stringify(peerUser),
  });
  if (!signedUp.ok)
    throw new Error(`Better Auth sign-up: ${signedUp.status} ${await signedUp.text()}`);
  const peerCookie = signedUp.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");
  if (!peerCookie.includes("session_data")) throw new Error("Better Auth set no cookie cache");

  const json = { "content-type": "application/json" };
  const scenarios: Scenario[] = [
    {
      name: "Latch auth.me (bearer)",
      side: "Latch",
      kind: "session check",
      options: {
        url: `${latchUrl}/api/trpc/auth.me`,
        headers: { authorization: `Bearer ${tokens.access}` },
      },
    },
    {
      name: "Latch session.current (cookies)",
      side: "Latch",
      kind: "session check",
      options: {
        url: `${latchUrl}/api/trpc/session.current`,
        headers: { cookie: `latch_access=${tokens.access}` },
      },
    },
    {
      name: "Better Auth get-session, cookie cache",
      side: "Better Auth",
      kind: "session check",
      options: { url: `${peerUrl}/api/auth/get-session`, headers: { cookie: peerCookie } },
    },
    {
      name: "Better Auth get-session, database",
      side: "Better Auth",
      kind: "session check",
      options: {
        url: `${peerUrl}/api/auth/get-session?disableCookieCache=true`,
        headers: { cookie: peerCookie },
      },
    },
    {
      name: "Next.js constant route",
      side: "ceiling",
      kind: "ceiling",
      options: { url: `${peerUrl}/api/constant` },
    },
    {
      name: "Latch auth.login",
      side: "Latch",
      kind: "login",
      options: {
        url: `${latchUrl}/api/trpc/auth.login`,
        method: "POST",
        headers: json,
        body: JSON.stringify(latchUser),
      },
    },
    {
      name: "Better Auth sign-in/email",
      side: "Better Auth",
      kind: "login",
      options: {
        url: `${peerUrl}/api/auth/sign-in/email`,
        method: "POST",
        headers: { ...json, origin: peerUrl },
        body: JSON.stringify({ email: peerUser.email, password }),
      },
    },
    {
      name: "Latch auth.refresh",
      side: "Latch",
      kind: "refresh",
      before: fillRefreshPool,
      options: {
        url: `${latchUrl}/api/trpc/auth.refresh`,
        requests: [
          {
            method: "POST",
            headers: json,
            // One token per request (refresh rotates); each answer returns one to the pool.
            setupRequest: (request) => ({
              ...request,
              body: JSON.stringify({ refresh: refreshPool.pop() }),
            }),
            onResponse: (status, body) => {
              if (status === 200) refreshPool.push(JSON.parse(body).result.data.tokens.refresh);
            },
          },
        ],
      },
    },
  ];

  // Warm both servers (JIT, pools), then measure memory after 10,000 session checks each.
  const checks = scenarios.filter((s) => s.kind === "session check" || s.kind === "ceiling");
  for (const scenario of checks) {
    await autocannon({ ...scenario.options, connections, amount: 2000 });
  }
  const [latchCheck, , peerCheck] = checks;
  if (!latchCheck || !peerCheck) throw new Error("scenarios out of order");
  await autocannon({ ...latchCheck.options, connections, amount: 10_000 });
  await autocannon({ ...peerCheck.options, connections, amount: 10_000 });
  const memory = {
    latch: rssMiB(real.app.pid),
    peer: rssMiB(deepestChild(peer.pid ?? 0)),
  };

  const measured: Measured[] = scenarios.map((scenario) => ({
    scenario,
    rps: [],
    p50: [],
    p99: [],
    failed: 0,
  }));
  const floor = { sync: [] as number[], async: [] as number[] };
  for (let round = 1; round <= rounds; round++) {
    console.log(`round ${round} of ${rounds}`);
    // Alternating: each round runs every scenario once, in order, so drift hits all sides alike.
    for (const entry of measured) {
      await entry.scenario.before?.();
      const result = await autocannon({ ...entry.scenario.options, connections, duration });
      entry.rps.push(result.requests.average);
      entry.p50.push(result.latency.p50);
      entry.p99.push(result.latency.p99);
      entry.failed += result.non2xx + result.errors + result.timeouts;
    }
    // The floor of a refresh on this box, in the same rounds (drift hits it too).
    await fillRefreshPool();
    floor.sync.push(
      await refreshFloor({
        databaseUrl: real.databaseUrl,
        refreshTokens: [...refreshPool],
        durationSeconds: duration,
      }),
    );
    await fillRefreshPool();
    floor.async.push(
      await refreshFloor({
        databaseUrl: real.databaseUrl,
        refreshTokens: [...refreshPool],
        durationSeconds: duration,
        synchronousCommit: false,
      }),
    );
  }

  // ---- in process: the server-side check, no HTTP ----
  const services = await createServices(
    parseEnv({
      ...real.env,
      NODE_ENV: "production",
      OUTBOX_WORKER: "false",
      LATCH_DATA_DIR: resolve(repo, ".data/bench-compare"),
    }),
    () => undefined,
  );
  for (let i = 0; services.deps.feed.state() !== "live"; i++) {
    if (i > 200) throw new Error("the in-process feed did not go live");
    await new Promise((r) => setTimeout(r, 50));
  }
  const caller = createCaller(
    createContextInner({ deps: services.deps, accessToken: tokens.access }),
  );
  const peerHeaders = new Headers({ cookie: peerCookie });
  const perSecond = async (work: () => Promise<unknown>) => {
    for (let i = 0; i < 500; i++) await work();
    const started = performance.now();
    let done = 0;
    while (performance.now() - started < duration * 1000) {
      await Promise.all(Array.from({ length: 10 }, work));
      done += 10;
    }
    return done / ((performance.now() - started) / 1000);
  };
  const inProcess = {
    latch: await perSecond(() => caller.auth.me()),
    peerCache: await perSecond(() => inProcessPeer.api.getSession({ headers: peerHeaders })),
    peerDatabase: await perSecond(() =>
      inProcessPeer.api.getSession({ headers: peerHeaders, query: { disableCookieCache: true } }),
    ),
  };
  await services.close();

  // ---- the argon2id limit: verifications per second with every core busy ----
  const env = parseEnv({});
  const hasher = createArgon2Hasher({
    memoryCost: env.ARGON2_MEMORY_KIB,
    timeCost: env.ARGON2_ITERATIONS,
    parallelism: env.ARGON2_PARALLELISM,
  });
  const digest = await hasher.hash(password);
  let verified = 0;
  const argonStarted = performance.now();
  await Promise.all(
    Array.from({ length: cpus().length * 2 }, async () => {
      while (performance.now() - argonStarted < duration * 1000) {
        await hasher.verify(digest, password);
        verified++;
      }
    }),
  );
  const argonLimit = verified / ((performance.now() - argonStarted) / 1000);

  // ---- report ----
  const rpsOf = (name: string) =>
    median(measured.find((entry) => entry.scenario.name === name)?.rps ?? []);
  const ceiling = rpsOf("Next.js constant route");
  const me = rpsOf("Latch auth.me (bearer)");
  const current = rpsOf("Latch session.current (cookies)");
  const peerDb = rpsOf("Better Auth get-session, database");
  const peerCache = rpsOf("Better Auth get-session, cookie cache");
  const login = rpsOf("Latch auth.login");
  const refresh = rpsOf("Latch auth.refresh");
  const ratio = (a: number, b: number) => (b > 0 ? a / b : 0);
  const x = (n: number) => `${n.toFixed(2)}×`;
  const pct = (n: number) => `${(n * 100).toFixed(0)} %`;

  const machine = `${cpus().length} × ${cpus()[0]?.model ?? "unknown CPU"}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, Next.js 16.4.6, better-auth 1.7.25`;
  const table = [
    "| scenario | req/s (median of rounds) | p50 ms | p99 ms | failed |",
    "|---|---:|---:|---:|---:|",
    ...measured.map(
      (entry) =>
        `| ${entry.scenario.name} | ${median(entry.rps).toFixed(0)} | ${median(entry.p50)} | ${median(entry.p99)} | ${entry.failed} |`,
    ),
  ].join("\n");
  const goals = [
    "| goal | measured | met |",
    "|---|---:|:---:|",
    `| session check ≥ 2× Better Auth get-session (database) | ${x(ratio(me, peerDb))} (cookies: ${x(ratio(current, peerDb))}) | ${ratio(me, peerDb) >= 2 ? "yes" : "no"} |`,
    `| session check ≥ 1.2× Better Auth get-session (cookie cache) | ${x(ratio(me, peerCache))} (cookies: ${x(ratio(current, peerCache))}) | ${ratio(me, peerCache) >= 1.2 ? "yes" : "no"} |`,
    `| session check ≥ 85 % of the Next.js constant route | ${pct(ratio(me, ceiling))} (cookies: ${pct(ratio(current, ceiling))}) | ${ratio(me, ceiling) >= 0.85 ? "yes" : "no"} |`,
    `| login ≥ 90 % of the argon2id limit (${argonLimit.toFixed(0)} verifications/s on all cores) | ${pct(ratio(login, argonLimit))} | ${ratio(login, argonLimit) >= 0.9 ? "yes" : "no"} |`,
    `| refresh ≥ 40 % of the Next.js constant route | ${pct(ratio(refresh, ceiling))} | ${ratio(refresh, ceiling) >= 0.4 ? "yes" : "no"} |`,
  ].join("\n");
  const refreshFloorRps = median(floor.sync);
  const refreshShare = [
    "| refresh against its floor | req/s (median of rounds) |",
    "|---|---:|",
    `| floor: verify the token, commit the same \`UPDATE sessions ... RETURNING\`, sign two tokens, ${connections} workers, no HTTP (rounds: ${floor.sync.map((n) => n.toFixed(0)).join(", ")}) | ${refreshFloorRps.toFixed(0)} |`,
    `| the same with \`synchronous_commit = off\` (what the WAL flush costs; not a ceiling) (rounds: ${floor.async.map((n) => n.toFixed(0)).join(", ")}) | ${median(floor.async).toFixed(0)} |`,
    `| Latch auth.refresh over HTTP (rounds: ${(measured.find((entry) => entry.scenario.name === "Latch auth.refresh")?.rps ?? []).map((n) => n.toFixed(0)).join(", ")}) | ${refresh.toFixed(0)} |`,
    `| **refresh as a share of its floor** | **${pct(ratio(refresh, refreshFloorRps))}** |`,
  ].join("\n");
  const extras = [
    "| measure | Latch | Better Auth |",
    "|---|---:|---:|",
    `| in-process session check, calls/s (Latch server caller \`auth.me\`; Better Auth \`auth.api.getSession\`) | ${inProcess.latch.toFixed(0)} | ${inProcess.peerCache.toFixed(0)} (cookie cache), ${inProcess.peerDatabase.toFixed(0)} (database) |`,
    `| server RSS after warm-up and 10,000 session checks | ${memory.latch} MiB | ${memory.peer} MiB |`,
  ].join("\n");

  const bars = measured.map((entry) => ({
    label: entry.scenario.name,
    value: median(entry.rps),
    side: entry.scenario.side,
  }));
  writeFileSync(resolve(repo, "docs/benchmarks.svg"), chart(bars));
  const report = `# Benchmarks

Generated by \`pnpm bench:compare\` (${duration} s per scenario, ${rounds} alternating rounds,
${connections} connections, autocannon on the same box) on ${new Date().toISOString().slice(0, 10)}.

Machine: ${machine}.

Latch: production build (\`pnpm start\`: \`dist/server.js\`), real PostgreSQL, real Redis behind the
Upstash REST bridge, revocation feed live, request logging on (its default).
Better Auth: email and password, PostgreSQL through its Kysely adapter, cookie
cache of 5 minutes (skipped with \`?disableCookieCache=true\`), rate limiter off,
in a Next.js app of the same version (\`next start\`). The constant route runs in
that app. Both on the same PostgreSQL server; every process on the same two cores.

![requests per second](./benchmarks.svg)

${table}

${goals}

${refreshShare}

${extras}

Better Auth's cookie cache answers from a signed cookie for up to 5 minutes,
so a session revoked meanwhile keeps working there; Latch's check is in
process too, but a revocation reaches every server within a second (the
revocation feed), and while a server cannot vouch for its feed it checks each
request with the key store.
`;
  // Notes written by people (findings, before/after figures) sit below the marker and stay.
  const reportPath = resolve(repo, "docs/benchmarks.md");
  const previous = existsSync(reportPath) ? readFileSync(reportPath, "utf8") : "";
  const marker = previous.indexOf(NOTES_MARKER);
  writeFileSync(reportPath, marker >= 0 ? `${report}\n${previous.slice(marker)}` : report);
  console.log(
    `\n${machine}\n\n${table}\n\n${goals}\n\n${refreshShare}\n\n${extras}\n\nwrote docs/benchmarks.md and docs/benchmarks.svg`,
  );
} finally {
  peer?.kill("SIGTERM");
  await peerPool.end();
  await real.stop();
  await admin.query(`DROP DATABASE IF EXISTS ${peerDatabase} WITH (FORCE)`);
  await admin.end();
}

function chart(bars: { label: string; value: number; side: string }[]): string {
  const width = 760;
  const rowHeight = 28;
  const labelWidth = 300;
  const max = Math.max(...bars.map((bar) => bar.value), 1);
  const colors: Record<string, string> = {
    Latch: "#2563eb",
    "Better Auth": "#9333ea",
    ceiling: "#6b7280",
  };
  const rows = bars
    .map((bar, i) => {
      const y = 30 + i * rowHeight;
      const length = Math.max(1, ((width - labelWidth - 90) * bar.value) / max);
      const escaped = bar.label.replace(/&/g, "&amp;").replace(/</g, "&lt;");
      return `<text x="${labelWidth - 8}" y="${y + 15}" text-anchor="end">${escaped}</text><rect x="${labelWidth}" y="${y + 3}" width="${length.toFixed(1)}" height="18" fill="${colors[bar.side] ?? "#000"}"/><text x="${(labelWidth + length + 6).toFixed(1)}" y="${y + 15}">${bar.value.toFixed(0)} req/s</text>`;
    })
    .join("\n  ");
  const height = 40 + bars.length * rowHeight;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="13" role="img">
  <title>Requests per second, Latch beside Better Auth and a Next.js constant route</title>
  <text x="10" y="18" font-weight="bold">Requests per second (higher is better)</text>
  ${rows}
</svg>
`;
}
