import { useFormatter, useTranslations } from "next-intl";
import accountStyles from "../../../account/account.module.css";
import { formatUtc } from "../../format";
import type { AdminUserView } from "./types";

/** Password, second factor, passkeys and connected accounts: how this person can log in. */
export function UserFactors({
  hasPassword,
  secondFactor,
  passkeys,
  identities,
}: Pick<AdminUserView, "secondFactor" | "passkeys" | "identities"> & { hasPassword: boolean }) {
  const t = useTranslations("admin");
  const format = useFormatter();
  const at = (iso: string | null) => formatUtc(t, format, iso);
  return (
    <>
      <dl className={accountStyles.details}>
        <dt>{t("factors.password")}</dt>
        <dd>{hasPassword ? t("factors.passwordSet") : t("factors.passwordNone")}</dd>
        <dt>{t("factors.totp")}</dt>
        <dd>{secondFactor.totp ? t("factors.on") : t("factors.off")}</dd>
        <dt>{t("factors.recoveryCodes")}</dt>
        <dd>{format.number(secondFactor.recoveryCodes)}</dd>
      </dl>
      <h3 className={accountStyles.subTitle}>{t("factors.passkeys")}</h3>
      {passkeys.length === 0 ? (
        <p>{t("factors.none")}</p>
      ) : (
        <ul className={accountStyles.passkeyList}>
          {passkeys.map((passkey) => (
            <li key={passkey.id} className={accountStyles.passkey}>
              <p className={accountStyles.passkeyName}>{passkey.name}</p>
              <p className={accountStyles.passkeyDates}>
                {t("factors.passkeyDates", {
                  added: at(passkey.createdAt),
                  lastUsed: at(passkey.lastUsedAt),
                })}
              </p>
            </li>
          ))}
        </ul>
      )}
      <h3 className={accountStyles.subTitle}>{t("factors.identities")}</h3>
      {identities.length === 0 ? (
        <p>{t("factors.none")}</p>
      ) : (
        <ul className={accountStyles.passkeyList}>
          {identities.map((identity) => (
            <li key={identity.id} className={accountStyles.passkey}>
              <p className={accountStyles.passkeyName}>
                {identity.email
                  ? t("factors.identity", { provider: identity.providerId, email: identity.email })
                  : identity.providerId}
              </p>
              <p className={accountStyles.passkeyDates}>
                {t("factors.identityDates", {
                  connected: at(identity.createdAt),
                  lastUsed: at(identity.lastUsedAt),
                })}
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
