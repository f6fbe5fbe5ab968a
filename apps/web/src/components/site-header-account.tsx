"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { type KnownSession, useSession } from "../trpc/session";
import styles from "./site-header.module.css";
import { useLogout } from "./use-logout";

/**
 * The header's end: who is logged in, with their account and a way out, or
 * the ways in. The server renders it from the session cookie; from then on it
 * follows this page's session (a login, a logout, a session that ended), since
 * the layout is not rendered again when the person moves between pages.
 */
export function SiteHeaderAccount({ initial }: { initial: KnownSession | null }) {
  const t = useTranslations("components.siteHeader");
  const { session, setSession } = useSession();
  const [following, setFollowing] = useState(false);
  useEffect(() => {
    // Also keeps the session alive on every page, not only on the account page.
    if (initial) setSession(initial);
    setFollowing(true);
  }, [initial, setSession]);
  const shown = following ? session : initial;

  if (!shown) {
    return (
      <ul className={styles.links}>
        <li>
          <Link href="/signup">{t("signUp")}</Link>
        </li>
        <li>
          <Link href="/login">{t("logIn")}</Link>
        </li>
      </ul>
    );
  }
  return (
    <ul className={styles.links}>
      <li className={styles.who}>
        <span className={styles.label}>{t("loggedInAs")} </span>
        <Link href="/account" data-testid="header-email">
          {shown.user.email}
        </Link>
      </li>
      <li>
        <HeaderLogout />
      </li>
    </ul>
  );
}

function HeaderLogout() {
  const t = useTranslations("components.siteHeader");
  const { logOut, pending, problem } = useLogout();
  return (
    <>
      <button
        type="button"
        className={styles.logout}
        aria-disabled={pending || undefined}
        onClick={() => (pending ? undefined : void logOut())}
      >
        {pending ? t("loggingOut") : t("logOut")}
      </button>
      {/* A failed logout keeps the session, so the button can be pressed again. */}
      {problem ? (
        <span role="alert" className={styles.problem}>
          {problem}
        </span>
      ) : null}
    </>
  );
}
