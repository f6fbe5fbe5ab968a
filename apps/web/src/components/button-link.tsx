import Link from "next/link";
import type { ReactNode } from "react";
import styles from "./button.module.css";

/** A link that looks like a Button: for actions that are really navigation. */
export function ButtonLink({
  href,
  variant = "primary",
  children,
}: {
  href: string;
  variant?: "primary" | "secondary";
  children: ReactNode;
}) {
  return (
    <Link href={href} className={`${styles.button} ${styles[variant]}`}>
      {children}
    </Link>
  );
}
