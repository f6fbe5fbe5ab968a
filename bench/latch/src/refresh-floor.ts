import { createTokenService, generateSigningKey } from "@latch/auth";
import { decodeJwt } from "jose";
import pg from "pg";

export interface RefreshFloorOptions {
  /** Latch's own database: the same sessions and users tables a refresh writes. */
  databaseUrl: string;
  /** Refresh tokens of live sessions, one per worker (each worker rotates its own session). */
  refreshTokens: string[];
  durationSeconds: number;
  /** Skips the WAL flush at commit: shows what the disk costs, never a ceiling. */
  synchronousCommit?: boolean;
}

/**
 * What a refresh must do at minimum, without HTTP, Next.js, Prisma or the key
 * store: verify the presented token, commit the same single-row compare-and-set
 * (`UPDATE sessions ... FROM users ... RETURNING`, autocommit) on a pool the
 * size of Latch's, and sign the two new tokens; one worker per connection, so
 * the concurrency matches the HTTP run. Returns iterations per second.
 */
export async function refreshFloor(options: RefreshFloorOptions): Promise<number> {
  const tokens = await createTokenService({
    issuer: "http://bench.invalid",
    signingKey: await generateSigningKey(),
    accessTtlSeconds: 900,
    refreshTtlSeconds: 86_400,
  });
  const pool = new pg.Pool({
    connectionString: options.databaseUrl,
    max: 10,
    ...(options.synchronousCommit === false ? { options: "-c synchronous_commit=off" } : {}),
  });
  try {
    const workers = await Promise.all(
      options.refreshTokens.map(async (refresh) => {
        const { rows } = await pool.query<{ id: string; user_id: string; email: string }>(
          `SELECT s.id, s.user_id, u.email FROM sessions s JOIN users u ON u.id = s.user_id
           WHERE s.refresh_token_id = $1`,
          [decodeJwt(refresh).jti],
        );
        const session = rows[0];
        if (!session) throw new Error("refresh floor: no session for a pooled token");
        const refreshTokenId = decodeJwt(refresh).jti ?? "";
        return {
          session,
          token: await tokens.issue(
            {
              userId: session.user_id,
              email: session.email,
              sessionId: session.id,
              refreshTokenId,
              sessionExpiresAt: new Date(Date.now() + 86_400_000),
            },
            new Date(),
          ),
        };
      }),
    );
    let done = 0;
    const started = performance.now();
    await Promise.all(
      workers.map(async ({ session, token }) => {
        let presented = token.refresh;
        while (performance.now() - started < options.durationSeconds * 1000) {
          const now = new Date();
          const claims = await tokens.verifyRefresh(presented, now);
          const toTokenId = crypto.randomUUID();
          // The statement of swapRefreshToken: the same row lock, WAL record and commit.
          const { rows } = await pool.query<{ expires_at: Date; email: string }>(
            `UPDATE sessions AS s
             SET refresh_token_id = $1, last_used_at = $2,
                 expires_at = LEAST($3::timestamptz,
                   s.created_at + make_interval(secs => $4::double precision))
             FROM users AS u
             WHERE s.id = $5::uuid AND s.user_id = $6::uuid AND u.id = s.user_id
               AND s.refresh_token_id = $7 AND s.revoked_at IS NULL AND s.expires_at > $2
             RETURNING s.expires_at, u.email`,
            [
              toTokenId,
              now,
              new Date(now.getTime() + 86_400_000),
              30 * 86_400,
              claims.sessionId,
              claims.userId,
              claims.tokenId,
            ],
          );
          const row = rows[0];
          if (!row) throw new Error("refresh floor: the session stopped matching");
          presented = (
            await tokens.issue(
              {
                userId: session.user_id,
                email: row.email,
                sessionId: session.id,
                refreshTokenId: toTokenId,
                sessionExpiresAt: row.expires_at,
              },
              now,
            )
          ).refresh;
          done++;
        }
      }),
    );
    return done / ((performance.now() - started) / 1000);
  } finally {
    await pool.end();
  }
}
