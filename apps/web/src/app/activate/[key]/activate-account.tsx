"use client";

import type { LinkStates } from "@latch/api";
import { activateInput } from "@latch/validators";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { type Ref, useRef, useState } from "react";
import { flushSync } from "react-dom";
import { useBranding } from "../../../components/branding";
import { Button } from "../../../components/button";
import { Card, Stack } from "../../../components/card";
import { FormError, LiveRegion, Notice } from "../../../components/notice";
import { type Outcome, OutcomeCard } from "../../../components/outcome-card";
import { PasswordField } from "../../../components/password-field";
import { useFieldErrors } from "../../../components/use-field-errors";
import { useFormSubmit } from "../../../components/use-form-submit";
import { useGoNext } from "../../../components/use-go-next";
import { useScreen } from "../../../components/use-screen";
import { readApiError } from "../../../trpc/api-error";
import { useTRPC } from "../../../trpc/react";
import { useSession } from "../../../trpc/session";

type Screen = "ready" | "expired" | "invalid" | "already-active";

/** Reasons that decide which screen to show; anything else is a message on the current one. */
const SCREEN_OF_REASON: Record<string, Screen> = {
  ACTIVATION_KEY_EXPIRED: "expired",
  ACTIVATION_KEY_INVALID: "invalid",
  ALREADY_ACTIVE: "already-active",
};

export function ActivateAccount({
  activationKey,
  state,
  loggedIn,
  returnTo,
}: {
  activationKey: string;
  /** What the link would do, read when the page was rendered (nothing spent). */
  state: LinkStates["activation"];
  /** Whether this browser was logged in when the page was rendered. */
  loggedIn: boolean;
  /** Where to go once activated (checked by the page), else /account. */
  returnTo: string | null;
}) {
  const { appName } = useBranding();
  const t = useTranslations("activate");
  const common = useTranslations("components.common");
  const trpc = useTRPC();
  const newLink = useMutation(trpc.auth.refreshActivationKey.mutationOptions());
  const {
    screen,
    showScreenOf,
    headingRef: heading,
  } = useScreen<Screen>(
    state.status === "usable" ? "ready" : (SCREEN_OF_REASON[state.reason] ?? "invalid"),
    SCREEN_OF_REASON,
  );
  const [problem, setProblem] = useState<string | null>(null);
  const [newLinkSent, setNewLinkSent] = useState(false);
  const sentNotice = useRef<HTMLDivElement>(null);

  async function onSendNewLink() {
    setProblem(null);
    try {
      await newLink.mutateAsync({ key: activationKey });
      // The button goes away; focus goes to the message that replaced it, not to the page's start.
      flushSync(() => setNewLinkSent(true));
      sentNotice.current?.focus();
    } catch (error) {
      const { reason, message } = readApiError(error);
      if (!showScreenOf(reason)) setProblem(message);
    }
  }

  if (screen === "expired") {
    return (
      <Card title={common("linkExpired")} headingRef={heading} intro={<p>{t("expiredIntro")}</p>}>
        <Stack>
          {newLinkSent ? null : (
            <Button
              pending={newLink.isPending}
              pendingLabel={common("sending")}
              onClick={onSendNewLink}
            >
              {t("sendNewLink")}
            </Button>
          )}
          <LiveRegion>
            {newLinkSent ? (
              <Notice ref={sentNotice} tone="success" title={t("newLinkTitle")}>
                <p>{t("newLinkText", { appName })}</p>
              </Notice>
            ) : null}
          </LiveRegion>
          <FormError message={problem} />
        </Stack>
      </Card>
    );
  }

  if (screen === "invalid") {
    const invalid: Outcome = {
      title: common("linkInvalid"),
      text: t("invalidText"),
      href: "/activate",
      action: t("invalidAction"),
    };
    return <OutcomeCard outcome={invalid} headingRef={heading} />;
  }
  if (screen === "already-active") {
    // Signed in (this link's account or another): the account is the way on, not a login form.
    const alreadyActive: Outcome = {
      title: t("alreadyActiveTitle"),
      text: loggedIn ? t("alreadyActiveLoggedIn") : t("alreadyActiveLoggedOut"),
      ...(loggedIn
        ? { href: "/account", action: common("goToAccount") }
        : { href: "/login", action: common("logIn") }),
    };
    return <OutcomeCard outcome={alreadyActive} headingRef={heading} />;
  }

  return (
    <ActivationForm
      activationKey={activationKey}
      email={state.status === "usable" ? state.email : null}
      headingRef={heading}
      onScreenReason={showScreenOf}
      returnTo={returnTo}
    />
  );
}

type Mode = "confirm" | "choose";
const FIELDS = ["password", "newPassword"] as const;

/**
 * Someone else may have signed this address up with a password of their own,
 * so the link alone never activates: the person types the password they
 * chose, or chooses a new one here (which is also the way out when the
 * password does not fit: the link may have been sent for someone else's).
 */
function ActivationForm({
  activationKey,
  email,
  headingRef,
  onScreenReason,
  returnTo,
}: {
  activationKey: string;
  email: string | null;
  headingRef: Ref<HTMLHeadingElement>;
  onScreenReason: (reason: string) => boolean;
  returnTo: string | null;
}) {
  const t = useTranslations("activate");
  const common = useTranslations("components.common");
  const trpc = useTRPC();
  const goNext = useGoNext(returnTo);
  const { setSession } = useSession();
  const activate = useMutation(trpc.session.activate.mutationOptions());
  const [mode, setMode] = useState<Mode>("confirm");
  const [password, setPassword] = useState("");
  const [newPassword, setNewPassword] = useState("");
  const [mismatch, setMismatch] = useState(false);
  const fields = useFieldErrors(FIELDS);
  const [leaving, setLeaving] = useState(false);
  const pending = activate.isPending || leaving;
  const values =
    mode === "confirm" ? { key: activationKey, password } : { key: activationKey, newPassword };
  const { formError, onSubmit, reset } = useFormSubmit({
    fields,
    schema: activateInput,
    values,
    pending,
    async send(checked) {
      const session = await activate.mutateAsync(checked);
      setSession({ user: session.user, accessExpiresAt: session.accessExpiresAt });
      setLeaving(true);
      goNext();
    },
    onReason(reason, problem) {
      if (onScreenReason(reason)) return true;
      if (reason !== "ACTIVATION_PASSWORD_MISMATCH") return false;
      setMismatch(true);
      fields.show(problem.fieldErrors);
      return true;
    },
  });

  function switchTo(next: Mode) {
    reset();
    setMismatch(false);
    setMode(next);
  }

  return (
    <Card
      title={t("title")}
      headingRef={headingRef}
      intro={<p>{mode === "confirm" ? t("introConfirm") : t("introChoose")}</p>}
    >
      <form method="post" noValidate onSubmit={onSubmit} aria-busy={pending}>
        <Stack>
          {/* For password managers: the account the saved password belongs to. */}
          {email ? (
            <input
              type="email"
              name="username"
              autoComplete="username"
              value={email}
              readOnly
              hidden
            />
          ) : null}
          {mode === "confirm" ? (
            <PasswordField {...fields.bind("password", password, setPassword)} purpose="current" />
          ) : (
            <PasswordField
              {...fields.bind("newPassword", newPassword, setNewPassword)}
              label={common("newPassword")}
              purpose="new"
            />
          )}
          <Button type="submit" fullWidth pending={pending} pendingLabel={t("pending")}>
            {mode === "confirm" ? t("submitConfirm") : t("submitChoose")}
          </Button>
          <FormError message={formError} />
          <LiveRegion>
            {mismatch ? (
              <Notice tone="info" title={t("mismatchTitle")}>
                <p>{t("mismatchText")}</p>
              </Notice>
            ) : null}
          </LiveRegion>
          <Button
            variant="secondary"
            fullWidth
            onClick={() => switchTo(mode === "confirm" ? "choose" : "confirm")}
          >
            {mode === "confirm" ? t("switchToChoose") : t("switchToConfirm")}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}
