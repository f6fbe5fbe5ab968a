import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { Card } from "../components/card";
import { pageBranding } from "../server/branding";
import { GoodbyeNotice } from "./goodbye-notice";
import styles from "./home.module.css";

export default async function Home() {
  const { appName } = pageBranding();
  const t = await getTranslations("home");
  return (
    <>
      {/* useSearchParams needs a boundary should this page ever be prerendered again. */}
      <Suspense fallback={null}>
        <div className={styles.notice}>
          <GoodbyeNotice />
        </div>
      </Suspense>
      <Card title={t("title", { appName })} intro={<p>{t("intro")}</p>}>
        <div className={styles.actions}>
          <Link href="/signup" className={styles.primary}>
            {t("createAccount")}
          </Link>
          <Link href="/login" className={styles.secondary}>
            {t("logIn")}
          </Link>
        </div>
        <p className={styles.aside}>
          {t.rich("lostActivation", {
            link: (chunks) => <Link href="/activate">{chunks}</Link>,
          })}
        </p>
      </Card>
    </>
  );
}
