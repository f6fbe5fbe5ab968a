import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getSession } from "../server/session";
import { LanguagePicker } from "./language-picker";
import styles from "./site-header.module.css";
import { SiteHeaderAccount } from "./site-header-account";

/** Skip link first in the tab order, then the brand and who is logged in (or the ways in). */
export async function SiteHeader({ appName }: { appName: string }) {
  const t = await getTranslations("header");
  return (
    <header className={styles.header}>
      <a href="#main" className={styles.skip}>
        {t("skipToContent")}
      </a>
      <nav aria-label={t("mainNavigation")} className={styles.nav}>
        <Link href="/" className={styles.brand}>
          {appName}
        </Link>
        <SiteHeaderAccount initial={await getSession()} />
        <LanguagePicker />
      </nav>
    </header>
  );
}
