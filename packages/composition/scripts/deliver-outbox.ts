// `pnpm jobs:outbox`: the outbox worker as a process of its own, for deployments that run
// the web servers with OUTBOX_WORKER=false. Same configuration as the app. Runs until
// SIGTERM or SIGINT, finishing the batch in flight; `--once` delivers what is due and exits.
import { type DeliveryReport, deliverDueNotices } from "@latch/auth";
import { createServices, readProcessEnv } from "../src";

const once = process.argv.includes("--once");
const services = await createServices({ ...readProcessEnv(), OUTBOX_WORKER: !once });

if (once) {
  try {
    const total: DeliveryReport = { claimed: 0, sent: 0, dropped: 0, retrying: 0, dead: 0 };
    for (;;) {
      const report = await deliverDueNotices(services.deps);
      for (const key of Object.keys(total) as (keyof DeliveryReport)[]) total[key] += report[key];
      if (report.claimed < services.deps.policy.outbox.batchSize) break;
    }
    const { keepFinishedDays } = services.deps.policy.outbox;
    const purged = await services.deps.db.outbox.purgeFinished(
      new Date(Date.now() - keepFinishedDays * 86_400_000),
    );
    console.log(`outbox: ${JSON.stringify({ ...total, purged })}`);
  } finally {
    await services.close();
  }
} else {
  console.log(
    ["[latch] outbox worker:", ...services.summary.map((line) => `  ${line}`)].join("\n"),
  );
  // The runner's poll timer does not hold the process open; this does, until a signal.
  const keepAlive = setInterval(() => undefined, 1 << 30);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[latch] ${signal}: finishing the batch in flight`);
    clearInterval(keepAlive);
    await services.close();
    process.exit(0);
  };
  // `on`, not `once`: tsx re-raises a signal that no listener is left to handle.
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}
