import { recordEvent } from "../audit/record-event";
import type { AuthDeps } from "../deps";
import { AuthError } from "../errors";
import type { User } from "../ports/database";
import type { RequestMeta } from "../sessions/sessions";
import type { AccessClaims } from "../tokens/token-service";

/** Who is calling an admin.* procedure, once requireAdmin let them in. */
export interface AdminCaller {
  admin: User;
  meta: RequestMeta;
}

/**
 * The role is read from the database on every admin call, never from the
 * token: revoking an admin takes effect on their next call. A refusal is
 * itself audited, with the procedure it tried.
 */
export async function requireAdmin(
  deps: Pick<AuthDeps, "db" | "clock">,
  caller: AccessClaims,
  meta: RequestMeta,
  procedure: string,
): Promise<AdminCaller> {
  const user = await deps.db.users.findById(caller.userId);
  if (user?.role === "admin") return { admin: user, meta };
  await recordEvent(deps.db, {
    type: "admin.denied",
    userId: caller.userId,
    meta,
    at: deps.clock.now(),
    detail: { procedure },
  });
  throw new AuthError("ADMIN_ONLY");
}
