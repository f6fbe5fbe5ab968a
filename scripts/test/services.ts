import net from "node:net";

/** Where the test suites find real PostgreSQL and Redis; overridable for machines that run them elsewhere. */
export const testServices = {
  postgresUrl: process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
  redisUrl: process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379",
};

function reachable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port), timeout: 2000 });
    socket.once("connect", () => {
      socket.end();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/** Fails loudly: a suite that needs a real service must never skip silently. */
export async function requireServices(): Promise<void> {
  const missing: string[] = [];
  if (!(await reachable(testServices.postgresUrl)))
    missing.push(`PostgreSQL at ${testServices.postgresUrl}`);
  if (!(await reachable(testServices.redisUrl))) missing.push(`Redis at ${testServices.redisUrl}`);
  if (missing.length > 0) {
    throw new Error(
      `These tests need real services and cannot reach: ${missing.join(", ")}. ` +
        "Run `bash scripts/ensure-services.sh` (installs and starts them on Debian) or set TEST_DATABASE_URL / TEST_REDIS_URL.",
    );
  }
}
