"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { flushSync } from "react-dom";
import { Button } from "../../../components/button";
import { Card, Stack } from "../../../components/card";
import { FormError, LiveRegion, Notice } from "../../../components/notice";
import { type Outcome, OutcomeCard } from "../../../components/outcome-card";
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

const OUTCOMES: Record<"invalid" | "already-active", Outcome> = {
  invalid: {
    title: "This link is not valid",
    text: "It may have been used already, or replaced by a newer link. You can have a new activation email sent to your address.",
    href: "/activate",
    action: "Send a new activation email",
  },
  "already-active": {
    title: "Your account is already active",
    text: "There is nothing left to do with this link. Log in with your email and password.",
    href: "/login",
    action: "Log in",
  },
};

export function ActivateAccount({
  activationKey,
  wellFormed,
}: {
  activationKey: string;
  wellFormed: boolean;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const { setSession } = useSession();
  const activate = useMutation(trpc.session.activate.mutationOptions());
  const newLink = useMutation(trpc.auth.refreshActivationKey.mutationOptions());
  const {
    screen,
    showScreenOf,
    headingRef: heading,
  } = useScreen<Screen>(wellFormed ? "ready" : "invalid", SCREEN_OF_REASON);
  const [problem, setProblem] = useState<string | null>(null);
  const [newLinkSent, setNewLinkSent] = useState(false);
  const [leaving, setLeaving] = useState(false);
  const sentNotice = useRef<HTMLDivElement>(null);

  async function onActivate() {
    setProblem(null);
    try {
      const session = await activate.mutateAsync({ key: activationKey });
      setSession({ user: session.user, accessExpiresAt: session.accessExpiresAt });
      setLeaving(true);
      router.push("/account");
    } catch (error) {
      const { reason, message } = readApiError(error);
      if (!showScreenOf(reason)) setProblem(message);
    }
  }

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
      <Card
        title="This link has expired"
        headingRef={heading}
        intro={<p>Activation links work for a limited time. We can email you a fresh one.</p>}
      >
        <Stack>
          {newLinkSent ? null : (
            <Button pending={newLink.isPending} pendingLabel="Sending…" onClick={onSendNewLink}>
              Send me a new link
            </Button>
          )}
          <LiveRegion>
            {newLinkSent ? (
              <Notice ref={sentNotice} tone="success" title="A new link is on its way">
                <p>
                  Open the newest email from Latch and use its link. Older links no longer work.
                </p>
              </Notice>
            ) : null}
          </LiveRegion>
          <FormError message={problem} />
        </Stack>
      </Card>
    );
  }

  if (screen === "invalid" || screen === "already-active") {
    return <OutcomeCard outcome={OUTCOMES[screen]} headingRef={heading} />;
  }

  return (
    <Card
      title="Activate your account"
      headingRef={heading}
      intro={<p>One last step: confirm that you want to activate your Latch account.</p>}
    >
      <Stack>
        <Button
          fullWidth
          pending={activate.isPending || leaving}
          pendingLabel="Activating…"
          onClick={onActivate}
        >
          Activate my account
        </Button>
        <FormError message={problem} />
      </Stack>
    </Card>
  );
}
