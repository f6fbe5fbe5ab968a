import Link from "next/link";
import { Suspense } from "react";
import { Card } from "../components/card";
import { pageBranding } from "../server/branding";
import { GoodbyeNotice } from "./goodbye-notice";
import styles from "./home.module.css";

export default function Home() {
  const { appName } = pageBranding();
  return (
    <>
      {/* useSearchParams needs a boundary should this page ever be prerendered again. */}
      <Suspense fallback={null}>
        <div className={styles.notice}>
          <GoodbyeNotice />
        </div>
      </Suspense>
      <Card
        title={`Welcome to ${appName}`}
        intro={
          <p>Create an account with your email address, confirm it from your inbox, and log in.</p>
        }
      >
        <div className={styles.actions}>
          <Link href="/signup" className={styles.primary}>
            Create an account
          </Link>
          <Link href="/login" className={styles.secondary}>
            Log in
          </Link>
        </div>
        <p className={styles.aside}>
          Lost your activation email? <Link href="/activate">Send it again</Link>.
        </p>
      </Card>
    </>
  );
}
