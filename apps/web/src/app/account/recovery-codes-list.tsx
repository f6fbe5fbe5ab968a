"use client";

import { useState } from "react";
import { Button } from "../../components/button";
import { Notice } from "../../components/notice";
import styles from "./account.module.css";

/**
 * The recovery codes, shown this once (the server keeps only their hashes):
 * to copy, to download as a text file, or to write down.
 */
export function RecoveryCodesList({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  const text = `${codes.join("\n")}\n`;
  return (
    <Notice tone="info" title="Save your recovery codes now">
      <p>
        Each code signs you in once if you lose your phone. This is the only time they are shown:
        keep them somewhere safe, like a password manager.
      </p>
      <ol className={styles.codes} data-testid="recovery-codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <div className={styles.actions}>
        <Button
          variant="secondary"
          onClick={() =>
            void navigator.clipboard.writeText(text).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          {copied ? "Copied" : "Copy codes"}
        </Button>
        <a
          className={styles.download}
          href={`data:text/plain;charset=utf-8,${encodeURIComponent(text)}`}
          download="recovery-codes.txt"
        >
          Download as a file
        </a>
        <Button onClick={onDone}>I saved them</Button>
      </div>
    </Notice>
  );
}
