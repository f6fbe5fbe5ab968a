import type { DevMailboxMessage } from "@latch/mail";
import styles from "./mailbox.module.css";

const timeFormat = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "medium",
});

/**
 * One caught email as its recipient would see it: the HTML part in a frame,
 * the text part, the links, and a login email's code (to type on /login/email). The frame is sandboxed with nothing allowed
 * (no scripts, no same origin, no forms, no navigating this page), since the
 * HTML holds what a visitor typed (an address). A srcdoc frame inherits this
 * page's CSP: under `next dev`, the only place this page exists, it allows
 * inline styles, so the email looks as sent (checked in Chromium); a logo on
 * another host stays blocked by `default-src 'self'`.
 */
export function MailboxMessage({ message }: { message: DevMailboxMessage }) {
  return (
    <li className={styles.message}>
      <p className={styles.meta}>
        To <strong>{message.to}</strong> ·{" "}
        <time dateTime={message.receivedAt.toISOString()}>
          {timeFormat.format(message.receivedAt)}
        </time>
      </p>
      <h2 className={styles.subject}>{message.subject}</h2>
      <iframe
        title={`The HTML part of “${message.subject}”`}
        sandbox=""
        srcDoc={message.html}
        className={styles.html}
      />
      {message.code ? (
        <p className={styles.meta}>
          Code: <code>{message.code}</code>
        </p>
      ) : null}
      <details className={styles.text}>
        <summary>Text part</summary>
        <pre>{message.text}</pre>
      </details>
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
  );
}
