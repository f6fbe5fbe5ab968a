"use client";

import { useMutation } from "@tanstack/react-query";
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
      title="Check your inbox"
      headingRef={heading}
      intro={
        <p>
          We sent an email to <strong>{email}</strong> with the next step: a link that finishes
          signing up or, if this address already has an account, a note saying so and how to log in.
        </p>
      }
    >
      <Stack>
        <p>Nothing there? Look in your spam folder, or have the email sent again.</p>
        <Button
          variant="secondary"
          pending={resend.isPending}
          pendingLabel="Sending…"
          onClick={onResend}
        >
          Resend the email
        </Button>
        <LiveRegion>
          {state.kind === "sent" ? (
            <Notice tone="success">
              <p>
                A new link is on its way to {email}
                {state.count > 1 ? ` (sent ${state.count} times)` : ""}. Only the newest link works.
              </p>
            </Notice>
          ) : null}
          {state.kind === "failed" ? (
            <Notice tone="error">
              <p>{state.message}</p>
            </Notice>
          ) : null}
        </LiveRegion>
        <p>
          Wrong address?{" "}
          <Button variant="quiet" onClick={onChangeAddress}>
            Use a different email
          </Button>
        </p>
      </Stack>
    </Card>
  );
}
