import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Card } from "../../../components/card";
import { getServices } from "../../../server/services";
import styles from "./mailbox.module.css";
import { MailboxMessage } from "./mailbox-message";

export const metadata: Metadata = { title: "Development mailbox", robots: { index: false } };

// Reads the in-memory mailbox on every request; nothing here can be prerendered.
export const dynamic = "force-dynamic";

/**
 * Emails the development mailbox caught, newest first: each one's HTML, text
 * and links. It shows live activation links, so it must never exist in
 * production.
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
            <MailboxMessage key={message.id} message={message} />
          ))}
        </ol>
      )}
    </Card>
  );
}
