"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "../../components/button";
import { Notice } from "../../components/notice";
import styles from "./account.module.css";

/**
 * The recovery codes, shown this once (the server keeps only their hashes):
 * to copy, to download as a text file, or to write down.
 */
export function RecoveryCodesList({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const t = useTranslations("account.recoveryCodes");
  const [copied, setCopied] = useState(false);
  const text = `${codes.join("\n")}\n`;
  return (
    <Notice tone="info" title={t("title")}>
      <p>{t("body")}</p>
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
          {copied ? t("copied") : t("copy")}
        </Button>
        <a
          className={styles.download}
          href={`data:text/plain;charset=utf-8,${encodeURIComponent(text)}`}
          download={t("fileName")}
        >
          {t("download")}
        </a>
        <Button onClick={onDone}>{t("saved")}</Button>
      </div>
    </Notice>
  );
}
