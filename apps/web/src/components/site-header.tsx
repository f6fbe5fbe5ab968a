import Link from "next/link";
import styles from "./site-header.module.css";

/** Skip link first in the tab order, then the brand and the three places a visitor goes. */
export function SiteHeader({ appName }: { appName: string }) {
  return (
    <header className={styles.header}>
      <a href="#main" className={styles.skip}>
        Skip to content
      </a>
      <nav aria-label="Main" className={styles.nav}>
        <Link href="/" className={styles.brand}>
          {appName}
        </Link>
        <ul className={styles.links}>
          <li>
            <Link href="/signup">Sign up</Link>
          </li>
          <li>
            <Link href="/login">Log in</Link>
          </li>
          <li>
            <Link href="/account">Account</Link>
          </li>
        </ul>
      </nav>
    </header>
  );
}
