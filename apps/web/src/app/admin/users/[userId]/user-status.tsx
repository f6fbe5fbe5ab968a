import accountStyles from "../../../account/account.module.css";
import { formatUtc, STATUS_LABELS } from "../../format";
import type { AdminUserView } from "./types";

function banLine(ban: NonNullable<AdminUserView["user"]["ban"]>): string {
  const until = ban.until ? `until ${formatUtc(ban.until)}` : "until unbanned";
  return ban.inForce ? `Banned ${until}` : `Ban ended (was ${until})`;
}

/** The account's state at a glance: the first thing to read when someone cannot log in. */
export function UserStatus({ user }: { user: AdminUserView["user"] }) {
  return (
    <dl className={accountStyles.details} data-testid="user-status">
      <dt>Status</dt>
      <dd>{STATUS_LABELS[user.status]}</dd>
      <dt>Role</dt>
      <dd>{user.role === "admin" ? "Admin" : "User"}</dd>
      <dt>Account ID</dt>
      <dd>
        <code>{user.id}</code>
      </dd>
      <dt>Signed up</dt>
      <dd>{formatUtc(user.createdAt)}</dd>
      <dt>Activated</dt>
      <dd>{user.activatedAt ? formatUtc(user.activatedAt) : "Not yet"}</dd>
      {user.ban ? (
        <>
          <dt>Ban</dt>
          <dd>
            {banLine(user.ban)}, since {formatUtc(user.ban.at)}
          </dd>
          <dt>Ban reason</dt>
          <dd>{user.ban.reason}</dd>
        </>
      ) : null}
    </dl>
  );
}
