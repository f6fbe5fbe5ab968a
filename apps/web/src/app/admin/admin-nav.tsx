import Link from "next/link";
import styles from "./admin.module.css";

const LINKS = [
  { href: "/admin/users", label: "Users", key: "users" },
  { href: "/admin/audit", label: "Audit log", key: "audit" },
  { href: "/admin/webhooks", label: "Webhooks", key: "webhooks" },
] as const;

/** The admin pages' own navigation, a named landmark; the page being shown is marked. */
export function AdminNav({ current }: { current: (typeof LINKS)[number]["key"] | null }) {
  return (
    <nav aria-label="Admin" className={styles.nav}>
      <ul>
        {LINKS.map((link) => (
          <li key={link.key}>
            <Link href={link.href} aria-current={current === link.key ? "page" : undefined}>
              {link.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
