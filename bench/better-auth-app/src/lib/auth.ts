import { betterAuth } from "better-auth";
import { getMigrations } from "better-auth/db/migration";
import type pg from "pg";

/**
 * Better Auth as its docs set it up for email and password on PostgreSQL, with
 * the cookie cache on (a request may still skip it with ?disableCookieCache=true)
 * and its rate limiter off, as Latch's limits are scaled out of the way in the
 * benchmark. The benchmark's peer, never part of Latch.
 */
export function createBenchAuth(env: { pool: pg.Pool; secret: string; baseUrl: string }) {
  return betterAuth({
    database: env.pool,
    secret: env.secret,
    baseURL: env.baseUrl,
    emailAndPassword: { enabled: true, requireEmailVerification: false },
    session: { cookieCache: { enabled: true, maxAge: 5 * 60 } },
    rateLimit: { enabled: false },
    telemetry: { enabled: false },
  });
}

export type BenchAuth = ReturnType<typeof createBenchAuth>;

/** Creates Better Auth's tables, as its CLI's `migrate` does. */
export async function migrateBenchAuth(auth: BenchAuth): Promise<void> {
  const { runMigrations } = await getMigrations(auth.options);
  await runMigrations();
}
