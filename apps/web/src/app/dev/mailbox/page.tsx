import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Card } from "../../../components/card";
import { getServices } from "../../../server/services";
import styles from "./mailbox.module.css";

export const metadata: Metadata = { title: "Development mailbox", robots: { index: false } };

// Reads the in-memory mailbox on every request; nothing here can be prerendered.
export const dynamic = "force-dynamic";

const timeFormat = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "medium",
});

/**
 * Emails the development mailbox caught, newest first, with their links. It
 * shows live activation links, so it must never exist in production.
 */
export default async function DevMailboxPage() {
  // biome-ignore lint/style/noProcessEnv: Next inlines NODE_ENV at build time, so production builds drop this page's body
  if (process.env.NODE_ENV === "production") notFound();
  const { mailbox } = await getServices();
  if (!mailbox) notFound();
  const messages = mailbox.list();

  return (
    <Card
      wide
      title="Development mailbox"
      intro={
        <p>Emails Latch would have sent, newest first. Kept in memory until the server restarts.</p>
      }
    >
      {messages.length === 0 ? (
        <p>No emails yet. Sign up to get one.</p>
      ) : (
        <ol className={styles.list}>
          {messages.map((message) => (
            <li key={message.id} className={styles.message}>
              <p className={styles.meta}>
                To <strong>{message.to}</strong> ·{" "}
                <time dateTime={message.receivedAt.toISOString()}>
                  {timeFormat.format(message.receivedAt)}
                </time>
              </p>
              <h2 className={styles.subject}>{message.subject}</h2>
              {message.links.length > 0 ? (
                <ul className={styles.links}>
                  {message.links.map((link) => (
                    <li key={link}>
                      <a href={link}>{link}</a>
                    </li>
                  ))}
                </ul>
              ) : (
                <p className={styles.meta}>No links.</p>
              )}
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
