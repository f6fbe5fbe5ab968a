"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "../../components/button";
import { Card, Stack } from "../../components/card";
import { LiveRegion, Notice } from "../../components/notice";
import { useHeadingFocusedOnMount } from "../../components/use-screen";
import { readApiError } from "../../trpc/api-error";
import { useTRPC } from "../../trpc/react";

type ResendState =
  | { kind: "idle" }
  | { kind: "sent"; count: number }
  | { kind: "failed"; message: string };

export function CheckInbox({
  email,
  onChangeAddress,
}: {
  email: string;
  onChangeAddress: () => void;
}) {
  const t = useTranslations("signup");
  const common = useTranslations("components.common");
  const trpc = useTRPC();
  const resend = useMutation(trpc.auth.resendActivation.mutationOptions());
  const [state, setState] = useState<ResendState>({ kind: "idle" });
  const heading = useHeadingFocusedOnMount();

  async function onResend() {
    try {
      await resend.mutateAsync({ email });
      setState((previous) => ({
        kind: "sent",
        count: previous.kind === "sent" ? previous.count + 1 : 1,
      }));
    } catch (error) {
      setState({ kind: "failed", message: readApiError(error).message });
    }
  }

  return (
    <Card
      title={common("checkInbox")}
      headingRef={heading}
      intro={
        <p>
          {t.rich("sentIntro", {
            email,
            strong: (chunks) => <strong dir="ltr">{chunks}</strong>,
          })}
        </p>
      }
    >
      <Stack>
        <p>{t("nothingThere")}</p>
        <Button
          variant="secondary"
          pending={resend.isPending}
          pendingLabel={common("sending")}
          onClick={onResend}
        >
          {t("resend")}
        </Button>
        <LiveRegion>
          {state.kind === "sent" ? (
            <Notice tone="success">
              <p>{t("resent", { email, count: state.count })}</p>
            </Notice>
          ) : null}
          {state.kind === "failed" ? (
            <Notice tone="error">
              <p>{state.message}</p>
            </Notice>
          ) : null}
        </LiveRegion>
        <p>
          {common("wrongAddress")}{" "}
          <Button variant="quiet" onClick={onChangeAddress}>
            {common("useDifferentEmail")}
          </Button>
        </p>
      </Stack>
    </Card>
  );
}
