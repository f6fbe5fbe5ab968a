import type { ReactNode, Ref } from "react";
import styles from "./card.module.css";

interface CardProps {
  title: string;
  /** One or two sentences under the heading. */
  intro?: ReactNode;
  children?: ReactNode;
  footer?: ReactNode;
  /** Lets a screen that replaces another move focus to its heading. */
  headingRef?: Ref<HTMLHeadingElement>;
  wide?: boolean;
}

/** The one page layout: a centred card with the page's only <h1>. */
export function Card({ title, intro, children, footer, headingRef, wide = false }: CardProps) {
  return (
    <section className={`${styles.card} ${wide ? styles.wide : ""}`}>
      <h1 ref={headingRef} tabIndex={-1} className={styles.title}>
        {title}
      </h1>
      {intro ? <div className={styles.intro}>{intro}</div> : null}
      {children}
      {footer ? <div className={styles.footer}>{footer}</div> : null}
    </section>
  );
}

/** A vertical stack of form fields and actions with even spacing. */
export function Stack({ children }: { children: ReactNode }) {
  return <div className={styles.stack}>{children}</div>;
}
