import Link from "next/link";
import { getSession } from "../server/session";
import styles from "./site-header.module.css";
import { SiteHeaderAccount } from "./site-header-account";

/** Skip link first in the tab order, then the brand and who is logged in (or the ways in). */
export async function SiteHeader({ appName }: { appName: string }) {
  return (
    <header className={styles.header}>
      <a href="#main" className={styles.skip}>
        Skip to content
      </a>
      <nav aria-label="Main" className={styles.nav}>
        <Link href="/" className={styles.brand}>
          {appName}
        </Link>
        <SiteHeaderAccount initial={await getSession()} />
      </nav>
    </header>
  );
}
