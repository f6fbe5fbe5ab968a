/** @jsxRuntime automatic */
import type { SecondFactorChange } from "@latch/auth/ports";
import type { Translator } from "@latch/i18n";
import { ActionButton, InlineLink, NoticeLayout, Paragraph } from "../layout";
import type { NoticeEmailProps, NoticeTemplate } from "../notice-template";

interface ChangeTexts {
  subject: string;
  /** The heading; the preview line starts with it too. */
  heading: string;
  /** What happened, to which account. */
  body: string;
}

/** Each change in its own words: its subject, its heading and what happened. */
function textsOf(
  t: Translator,
  change: SecondFactorChange,
  appName: string,
  to: string,
): ChangeTexts {
  switch (change.what) {
    case "enabled":
      return {
        subject: t("emails.secondFactorChanged.enabled.subject", { appName }),
        heading: t("emails.secondFactorChanged.enabled.heading"),
        body: t("emails.secondFactorChanged.enabled.body", { appName, to }),
      };
    case "disabled":
      return {
        subject: t("emails.secondFactorChanged.disabled.subject", { appName }),
        heading: t("emails.secondFactorChanged.disabled.heading"),
        body: t("emails.secondFactorChanged.disabled.body", { appName, to }),
      };
    case "recovery_codes_regenerated":
      return {
        subject: t("emails.secondFactorChanged.recovery_codes_regenerated.subject", { appName }),
        heading: t("emails.secondFactorChanged.recovery_codes_regenerated.heading"),
        body: t("emails.secondFactorChanged.recovery_codes_regenerated.body", { appName, to }),
      };
    case "recovery_code_used":
      return {
        subject: t("emails.secondFactorChanged.recovery_code_used.subject", { appName }),
        heading: t("emails.secondFactorChanged.recovery_code_used.heading"),
        body: t("emails.secondFactorChanged.recovery_code_used.body", {
          appName,
          to,
          codesLeft: change.codesLeft,
        }),
      };
    case "passkey_added":
      return {
        subject: t("emails.secondFactorChanged.passkey_added.subject", { appName }),
        heading: t("emails.secondFactorChanged.passkey_added.heading"),
        body: t("emails.secondFactorChanged.passkey_added.body", {
          appName,
          to,
          name: change.name,
        }),
      };
    case "passkey_removed":
      return {
        subject: t("emails.secondFactorChanged.passkey_removed.subject", { appName }),
        heading: t("emails.secondFactorChanged.passkey_removed.heading"),
        body: t("emails.secondFactorChanged.passkey_removed.body", {
          appName,
          to,
          name: change.name,
        }),
      };
    // A provider's name keeps its capitals wherever it stands.
    case "provider_connected":
      return {
        subject: t("emails.secondFactorChanged.provider_connected.subject", {
          appName,
          name: change.name,
        }),
        heading: t("emails.secondFactorChanged.provider_connected.heading", { name: change.name }),
        body: t("emails.secondFactorChanged.provider_connected.body", {
          appName,
          to,
          name: change.name,
        }),
      };
    case "provider_disconnected":
      return {
        subject: t("emails.secondFactorChanged.provider_disconnected.subject", {
          appName,
          name: change.name,
        }),
        heading: t("emails.secondFactorChanged.provider_disconnected.heading", {
          name: change.name,
        }),
        body: t("emails.secondFactorChanged.provider_disconnected.body", {
          appName,
          to,
          name: change.name,
        }),
      };
  }
}

/**
 * Connecting or disconnecting a provider takes a signed-in session, not
 * necessarily the password (an account a provider created may have none).
 */
function ifNotYou(t: Translator, change: SecondFactorChange): string {
  return change.what === "provider_connected" || change.what === "provider_disconnected"
    ? t("emails.secondFactorChanged.notYouProvider")
    : t("emails.secondFactorChanged.notYouSecondFactor");
}

/**
 * Security notice: the second factor changed, or a recovery code was spent.
 * Each is something an attacker who got in would do, so the owner hears of it.
 */
function SecondFactorChangedEmail({
  notice,
  branding,
  subject,
  t,
  locale,
}: NoticeEmailProps<"second_factor_changed">) {
  const { change } = notice;
  const { heading, body } = textsOf(t, change, branding.appName, notice.to);
  const lastCodeGone = change.what === "recovery_code_used" && change.codesLeft === 0;
  return (
    <NoticeLayout
      t={t}
      locale={locale}
      branding={branding}
      title={subject}
      preview={t("emails.secondFactorChanged.preview", { heading })}
      heading={heading}
      to={notice.to}
    >
      <Paragraph>{body}</Paragraph>
      {lastCodeGone ? <Paragraph>{t("emails.secondFactorChanged.noCodesLeft")}</Paragraph> : null}
      <Paragraph>{t("emails.common.nothingElse")}</Paragraph>
      <Paragraph>{ifNotYou(t, change)}</Paragraph>
      <ActionButton t={t} branding={branding} href={notice.accountUrl}>
        {t("emails.secondFactorChanged.button")}
      </ActionButton>
      <Paragraph>
        {t.rich("emails.common.cantLogIn", {
          link: (chunks) => (
            <InlineLink branding={branding} href={notice.forgotPasswordUrl}>
              {chunks}
            </InlineLink>
          ),
        })}
      </Paragraph>
    </NoticeLayout>
  );
}

export const secondFactorChanged: NoticeTemplate<"second_factor_changed"> = {
  subject: (t, { appName }, notice) => textsOf(t, notice.change, appName, notice.to).subject,
  Email: SecondFactorChangedEmail,
};
