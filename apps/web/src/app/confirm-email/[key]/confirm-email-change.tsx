"use client";

import type { LinkStates } from "@latch/api";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useBranding } from "../../../components/branding";
import { Button } from "../../../components/button";
import { ButtonLink } from "../../../components/button-link";
import { Card, Stack } from "../../../components/card";
import { FormError } from "../../../components/notice";
import { type Outcome, OutcomeCard } from "../../../components/outcome-card";
import { useScreen } from "../../../components/use-screen";
import { readApiError } from "../../../trpc/api-error";
import { useTRPC } from "../../../trpc/react";
import { useSession } from "../../../trpc/session";

type Screen = "ready" | "changed" | "expired" | "invalid" | "unavailable";
type DeadEnd = Exclude<Screen, "ready" | "changed">;

/** Reasons that decide which screen to show; anything else is a message on the current one. */
const SCREEN_OF_REASON: Record<string, DeadEnd> = {
  EMAIL_CHANGE_KEY_EXPIRED: "expired",
  EMAIL_CHANGE_KEY_INVALID: "invalid",
  EMAIL_UNAVAILABLE: "unavailable",
};

export function ConfirmEmailChange({
  changeKey,
  state,
}: {
  changeKey: string;
  /** What the link would do, read when the page was rendered (nothing spent). */
  state: LinkStates["email-change"];
}) {
  const { appName } = useBranding();
  const t = useTranslations("confirmEmail");
  const common = useTranslations("components.common");
  const trpc = useTRPC();
  const { refresh } = useSession();
  const confirm = useMutation(trpc.auth.confirmEmailChange.mutationOptions());
  const { screen, show, showScreenOf, headingRef } = useScreen<Screen>(
    state.status === "usable" ? "ready" : (SCREEN_OF_REASON[state.reason] ?? "invalid"),
    SCREEN_OF_REASON,
  );
  const [problem, setProblem] = useState<string | null>(null);
  const [changed, setChanged] = useState<{ email: string; loggedIn: boolean } | null>(null);
  // The refresh below belongs to the confirmation: keep the button pending until it is done.
  const [finishing, setFinishing] = useState(false);

  async function onConfirm() {
    setProblem(null);
    try {
      const { email } = await confirm.mutateAsync({ key: changeKey });
      setFinishing(true);
      // A signed-in browser's access token still names the old address until it is refreshed;
      // refreshing now also tells us whether this browser is logged in at all.
      const outcome = await refresh();
      setChanged({ email, loggedIn: outcome.status === "refreshed" });
      show("changed");
    } catch (error) {
      const { reason, message } = readApiError(error);
      if (!showScreenOf(reason)) setProblem(message);
    } finally {
      setFinishing(false);
    }
  }

  if (screen === "changed" && changed) {
    return (
      <Card
        title={t("changedTitle")}
        headingRef={headingRef}
        intro={
          <p>
            {t.rich("changedIntro", {
              email: changed.email,
              appName,
              strong: (chunks) => (
                <strong data-testid="changed-email" dir="ltr">
                  {chunks}
                </strong>
              ),
            })}
          </p>
        }
      >
        {changed.loggedIn ? (
          <ButtonLink href="/account">{common("goToAccount")}</ButtonLink>
        ) : (
          <ButtonLink href="/login">{common("logIn")}</ButtonLink>
        )}
      </Card>
    );
  }

  if (screen !== "ready" && screen !== "changed") {
    const toAccount = { href: "/account", action: common("goToAccount") };
    const outcomes: Record<DeadEnd, Outcome> = {
      expired: { title: common("linkExpired"), text: t("expiredText"), ...toAccount },
      invalid: { title: common("linkInvalid"), text: t("invalidText"), ...toAccount },
      unavailable: { title: t("unavailableTitle"), text: t("unavailableText"), ...toAccount },
    };
    return <OutcomeCard outcome={outcomes[screen]} headingRef={headingRef} />;
  }

  return (
    <Card
      title={t("title")}
      headingRef={headingRef}
      intro={
        <p>
          {state.status === "usable"
            ? t.rich("intro", {
                email: state.newEmail,
                appName,
                strong: (chunks) => <strong dir="ltr">{chunks}</strong>,
              })
            : t("introWithoutAddress", { appName })}
        </p>
      }
    >
      <Stack>
        <Button
          fullWidth
          pending={confirm.isPending || finishing}
          pendingLabel={t("pending")}
          onClick={onConfirm}
        >
          {t("submit")}
        </Button>
        <FormError message={problem} />
      </Stack>
    </Card>
  );
}
