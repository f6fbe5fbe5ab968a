// Logging in by email, end to end, on the production build with real services: N concurrent
// people each ask for a login email, wait for it at the provider, and log in with its link or
// its code (alternating), again and again for a while. Prints the time from asking to the
// email reaching the provider, the time of the verification call, and the whole login, as
// p50/p99/max, with errors and emails that never came.
// Usage: pnpm build && pnpm bench:passwordless [--people 20 --duration 60]
import { parseArgs } from "node:util";
import {
  nthActivationKey,
  nthLoginEmail,
  startRealServicesApp,
} from "../../../apps/web/tests/http/support/real-services";

const { values } = parseArgs({
  options: {
    people: { type: "string", default: "20" },
    duration: { type: "string", default: "60" },
  },
});
const people = Number(values.people);
const durationMs = Number(values.duration) * 1000;

// Each person asks many times in the run: the per-address hourly caps (5 login emails, 10
// emails of any kind) would stop them.
const real = await startRealServicesApp({
  RATE_LIMIT_SCALE: "1000000",
  EMAILS_PER_ADDRESS_PER_HOUR: "1000000",
  TRUST_PROXY: "true",
});
const url = real.app.url;
const password = "correct horse battery staple";
const asked: number[] = [];
const verified: number[] = [];
const whole: number[] = [];
let errors = 0;

async function call(procedure: string, input: unknown, ip: string): Promise<unknown> {
  const response = await fetch(`${url}/api/trpc/${procedure}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": ip },
    body: JSON.stringify(input),
  });
  if (!response.ok) throw new Error(`${procedure}: ${response.status} ${await response.text()}`);
  return response.json();
}

async function person(n: number, deadline: number) {
  const ip = `198.51.100.${(n % 250) + 1}`;
  const email = `bench.passwordless.${n}.${Date.now()}@example.com`;
  await call("auth.signup", { email, password }, ip);
  await call("auth.activate", { key: await nthActivationKey(real, email, 1), password }, ip);
  for (let round = 1; Date.now() < deadline; round++) {
    try {
      const started = performance.now();
      await call("auth.passwordless.start", { email }, ip);
      const mail = await nthLoginEmail(real, email, round);
      const arrived = performance.now();
      await call(
        "auth.passwordless.verify",
        round % 2 ? { key: mail.key } : { email, code: mail.code },
        ip,
      );
      const done = performance.now();
      asked.push(arrived - started);
      verified.push(done - arrived);
      whole.push(done - started);
    } catch (error) {
      errors += 1;
      console.error(String(error).slice(0, 200));
      return;
    }
  }
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
const summary = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return `p50 ${percentile(sorted, 50).toFixed(0)} ms, p99 ${percentile(sorted, 99).toFixed(0)} ms, max ${(sorted.at(-1) ?? Number.NaN).toFixed(0)} ms`;
};

try {
  const deadline = Date.now() + durationMs;
  await Promise.all(Array.from({ length: people }, (_, n) => person(n, deadline)));
  console.log(
    [
      `login by email, ${people} concurrent people for ${durationMs / 1000} s:`,
      `  logins: ${whole.length} (${(whole.length / (durationMs / 1000)).toFixed(1)}/s), errors: ${errors}`,
      `  ask → email at the provider: ${summary(asked)}`,
      `  verify (link or code) → session: ${summary(verified)}`,
      `  whole login: ${summary(whole)}`,
    ].join("\n"),
  );
} finally {
  await real.stop();
}
