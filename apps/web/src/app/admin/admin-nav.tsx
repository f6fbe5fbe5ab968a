import Link from "next/link";
import { useTranslations } from "next-intl";
import styles from "./admin.module.css";

const LINKS = [
  { href: "/admin/users", key: "users" },
  { href: "/admin/audit", key: "audit" },
  { href: "/admin/webhooks", key: "webhooks" },
] as const;

/** The admin pages' own navigation, a named landmark; the page being shown is marked. */
export function AdminNav({ current }: { current: (typeof LINKS)[number]["key"] | null }) {
  const t = useTranslations("admin.nav");
  return (
    <nav aria-label={t("label")} className={styles.nav}>
      <ul>
        {LINKS.map((link) => (
          <li key={link.key}>
            <Link href={link.href} aria-current={current === link.key ? "page" : undefined}>
              {t(link.key)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
