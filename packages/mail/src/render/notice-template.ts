import type { Notice, NoticeKind } from "@latch/auth/ports";
import type { Translator } from "@latch/i18n";
import type { Locale } from "@latch/i18n/locales";
import type { ReactElement } from "react";
import type { Branding } from "../branding";

export type NoticeOf<K extends NoticeKind> = Extract<Notice, { kind: K }>;

export interface NoticeEmailProps<K extends NoticeKind> {
  notice: NoticeOf<K>;
  branding: Branding;
  subject: string;
  /** The notice's language, every text from the catalogue's "emails" namespace. */
  t: Translator;
  locale: Locale;
}

/** One kind of notice as an email: its subject line and its body. */
export interface NoticeTemplate<K extends NoticeKind> {
  /** The notice is there for kinds whose subject says which change happened. */
  subject(t: Translator, branding: Branding, notice: NoticeOf<K>): string;
  Email(props: NoticeEmailProps<K>): ReactElement;
}
