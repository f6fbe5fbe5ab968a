import type { ReactNode, Ref } from "react";
import styles from "./notice.module.css";

type Tone = "error" | "success" | "info";

interface NoticeProps {
  tone: Tone;
  title?: string;
  children?: ReactNode;
  /** For a notice that replaces the control that had focus: it can take focus instead. */
  ref?: Ref<HTMLDivElement>;
}

/** A coloured box for a result or a problem. Announce it by placing it inside a LiveRegion. */
export function Notice({ tone, title, children, ref }: NoticeProps) {
  return (
    <div ref={ref} tabIndex={ref ? -1 : undefined} className={`${styles.notice} ${styles[tone]}`}>
      {title ? <p className={styles.title}>{title}</p> : null}
      {children}
    </div>
  );
}

/**
 * A container that is always in the page (screen readers only announce
 * changes to live regions that already existed), announcing whatever
 * appears inside it.
 */
export function LiveRegion({ children, id }: { children?: ReactNode; id?: string }) {
  return (
    <div id={id} aria-live="polite" aria-atomic="true" className={styles.region}>
      {children}
    </div>
  );
}

/** The form-level error (from the server or the network), announced when it appears. */
export function FormError({ message, children }: { message: string | null; children?: ReactNode }) {
  return (
    <LiveRegion>
      {message ? (
        <Notice tone="error">
          <p>{message}</p>
          {children}
        </Notice>
      ) : null}
    </LiveRegion>
  );
}
