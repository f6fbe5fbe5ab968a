import { getTranslations } from "next-intl/server";
import { getServerCaller } from "../trpc/server";
import buttonStyles from "./button.module.css";
import styles from "./provider-buttons.module.css";

/**
 * "Continue with <provider>", one per configured provider. Plain links, not
 * Next's: each leaves the app for the provider, through the API's start route.
 */
export async function ProviderButtons({ returnTo }: { returnTo: string | null }) {
  const { providers } = await (await getServerCaller()).auth.identities.providers();
  if (providers.length === 0) return null;
  const t = await getTranslations("components.providerButtons");
  return (
    <nav aria-label={t("label")} className={styles.providers}>
      <p className={styles.divider}>{t("or")}</p>
      {providers.map((provider) => {
        const start = new URLSearchParams(returnTo ? { returnTo } : {});
        const query = start.size > 0 ? `?${start}` : "";
        return (
          <a
            key={provider.id}
            href={`/api/auth/oidc/${provider.id}/start${query}`}
            className={`${buttonStyles.button} ${buttonStyles.secondary} ${buttonStyles.full}`}
          >
            {t("continueWith", { provider: provider.name })}
          </a>
        );
      })}
    </nav>
  );
}
