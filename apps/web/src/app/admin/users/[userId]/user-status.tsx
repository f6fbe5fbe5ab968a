import { useFormatter, useTranslations } from "next-intl";
import accountStyles from "../../../account/account.module.css";
import { type AdminTranslator, formatUtc, statusLabel } from "../../format";
import type { AdminUserView } from "./types";

function banLine(
  t: AdminTranslator,
  format: ReturnType<typeof useFormatter>,
  ban: NonNullable<AdminUserView["user"]["ban"]>,
): string {
  const since = formatUtc(t, format, ban.at);
  if (ban.until) {
    const until = formatUtc(t, format, ban.until);
    return ban.inForce
      ? t("userStatus.bannedUntil", { until, since })
      : t("userStatus.banEndedUntil", { until, since });
  }
  return ban.inForce
    ? t("userStatus.bannedForGood", { since })
    : t("userStatus.banEndedForGood", { since });
}

/** The account's state at a glance: the first thing to read when someone cannot log in. */
export function UserStatus({ user }: { user: AdminUserView["user"] }) {
  const t = useTranslations("admin");
  const format = useFormatter();
  return (
    <dl className={accountStyles.details} data-testid="user-status">
      <dt>{t("userStatus.status")}</dt>
      <dd>{statusLabel(t, user.status)}</dd>
      <dt>{t("userStatus.role")}</dt>
      <dd>{user.role === "admin" ? t("role.admin") : t("role.user")}</dd>
      <dt>{t("userStatus.id")}</dt>
      <dd>
        <code>{user.id}</code>
      </dd>
      <dt>{t("userStatus.signedUp")}</dt>
      <dd>{formatUtc(t, format, user.createdAt)}</dd>
      <dt>{t("userStatus.activated")}</dt>
      <dd>{user.activatedAt ? formatUtc(t, format, user.activatedAt) : t("userStatus.notYet")}</dd>
      {user.ban ? (
        <>
          <dt>{t("userStatus.ban")}</dt>
          <dd>{banLine(t, format, user.ban)}</dd>
          <dt>{t("userStatus.banReason")}</dt>
          <dd>{user.ban.reason}</dd>
        </>
      ) : null}
    </dl>
  );
}
