import type { ReactNode } from "react";
import styles from "./account.module.css";

/**
 * One titled part of the account page, a landmark named by its heading so a
 * screen reader can jump between them. "danger" marks the irreversible one.
 */
export function AccountSection({
  id,
  title,
  intro,
  tone = "normal",
  children,
}: {
  /** Also the page anchor, e.g. /account#sessions. */
  id: string;
  title: string;
  intro?: ReactNode;
  tone?: "normal" | "danger";
  children: ReactNode;
}) {
  const headingId = `${id}-heading`;
  return (
    <section
      id={id}
      aria-labelledby={headingId}
      className={`${styles.section} ${tone === "danger" ? styles.danger : ""}`}
    >
      <h2 id={headingId} className={styles.sectionTitle}>
        {title}
      </h2>
      {intro ? <div className={styles.sectionIntro}>{intro}</div> : null}
      {children}
    </section>
  );
}
