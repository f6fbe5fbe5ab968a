import { emailSchema } from "@latch/validators";
import { recordEvent } from "../audit/record-event";
import type { AuthDeps } from "../deps";
import type { Role } from "../ports/database";

export type RoleChange =
  | { status: "changed"; userId: string; email: string; role: Role }
  | { status: "no_account"; email: string }
  | { status: "invalid_email" };

/**
 * `pnpm admin:grant` / `pnpm admin:revoke`: the only way a role changes, run
 * by whoever holds the app's configuration. Audited with no actor and no
 * client: it came from the operator's shell, not from a request.
 */
export async function setAccountRole(
  deps: Pick<AuthDeps, "db" | "clock">,
  rawEmail: string,
  role: Role,
): Promise<RoleChange> {
  const parsed = emailSchema.safeParse(rawEmail);
  if (!parsed.success) return { status: "invalid_email" };
  const email = parsed.data;
  const now = deps.clock.now();
  return deps.db.transaction(async (tx): Promise<RoleChange> => {
    const user = await tx.users.setRole(email, role);
    if (!user) return { status: "no_account", email };
    await recordEvent(tx, {
      type: role === "admin" ? "admin.role.granted" : "admin.role.revoked",
      userId: user.id,
      at: now,
      detail: { by: "operator" },
    });
    return { status: "changed", userId: user.id, email, role };
  });
}
