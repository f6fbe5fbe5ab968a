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
  return (
    <>
      <dl className={accountStyles.details}>
        <dt>Password</dt>
        <dd>{hasPassword ? "Set" : "None"}</dd>
        <dt>Authenticator app</dt>
        <dd>{secondFactor.totp ? "On" : "Off"}</dd>
        <dt>Recovery codes left</dt>
        <dd>{secondFactor.recoveryCodes}</dd>
      </dl>
      <h3 className={accountStyles.subTitle}>Passkeys</h3>
      {passkeys.length === 0 ? (
        <p>None.</p>
      ) : (
        <ul className={accountStyles.passkeyList}>
          {passkeys.map((passkey) => (
            <li key={passkey.id} className={accountStyles.passkey}>
              <p className={accountStyles.passkeyName}>{passkey.name}</p>
              <p className={accountStyles.passkeyDates}>
                Added {formatUtc(passkey.createdAt)}, last used {formatUtc(passkey.lastUsedAt)}
              </p>
            </li>
          ))}
        </ul>
      )}
      <h3 className={accountStyles.subTitle}>Connected accounts</h3>
      {identities.length === 0 ? (
        <p>None.</p>
      ) : (
        <ul className={accountStyles.passkeyList}>
          {identities.map((identity) => (
            <li key={identity.id} className={accountStyles.passkey}>
              <p className={accountStyles.passkeyName}>
                {identity.providerId}
                {identity.email ? `: ${identity.email}` : ""}
              </p>
              <p className={accountStyles.passkeyDates}>
                Connected {formatUtc(identity.createdAt)}, last used{" "}
                {formatUtc(identity.lastUsedAt)}
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
