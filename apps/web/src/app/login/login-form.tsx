"use client";

import { loginInput } from "@latch/validators";
import { browserSupportsWebAuthnAutofill, WebAuthnAbortService } from "@simplewebauthn/browser";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { type ReactNode, useEffect, useRef, useState } from "react";
import { Button } from "../../components/button";
import { Card, Stack } from "../../components/card";
import { EmailField } from "../../components/email-field";
import { FormError, LiveRegion, Notice } from "../../components/notice";
import { usePasskeyProblem } from "../../components/passkey-problem";
import { PasswordField } from "../../components/password-field";
import { useFieldErrors } from "../../components/use-field-errors";
import { useFormSubmit } from "../../components/use-form-submit";
import { useTRPC } from "../../trpc/react";
import { ResendActivation } from "./resend-activation";
import { SecondStepForm } from "./second-step-form";
import { useFinishLogin } from "./use-finish-login";
import { usePasskeyLogin } from "./use-passkey-login";

const FIELDS = ["email", "password"] as const;

/** The login proved the password of an account not activated yet. */
type Inactive = { message: string; email: string } | null;

/**
 * `returnTo`: where to go once logged in (checked by the page), else /account.
 * `loggedOut`: the person just logged out here, and the page says it worked.
 * `providerProblem`: why a provider sign-in was refused. `linking`: a provider
 * sign-in found this address's account, so the person logs in to it once and
 * the provider is connected then. `providers`: the "Continue with" buttons.
 */
export function LoginForm({
  returnTo,
  loggedOut,
  providerProblem = null,
  linking = null,
  providers = null,
}: {
  returnTo: string | null;
  loggedOut: boolean;
  providerProblem?: string | null;
  linking?: { provider: string; email: string } | null;
  providers?: ReactNode;
}) {
  const t = useTranslations("login");
  const common = useTranslations("components.common");
  const passkeyProblem = usePasskeyProblem();
  const trpc = useTRPC();
  const { finish, loggedIn, leaving, ticket, setTicket } = useFinishLogin(returnTo);
  const login = useMutation(trpc.session.login.mutationOptions());
  const [email, setEmail] = useState(linking?.email ?? "");
  const [password, setPassword] = useState("");
  const [inactive, setInactive] = useState<Inactive>(null);
  const [restartedBecause, setRestartedBecause] = useState<string | null>(null);
  // A wrong password: the person may not remember it, and an email link needs none.
  const [offerEmailLink, setOfferEmailLink] = useState(false);
  const fields = useFieldErrors(FIELDS);
  // Navigation takes a moment after the call returns; stay "pending" until it is done.
  const pending = login.isPending || leaving;
  const { formError, onSubmit } = useFormSubmit({
    fields,
    schema: loginInput,
    values: { email, password },
    pending,
    onAttempt: () => {
      setInactive(null);
      setRestartedBecause(null);
      setOfferEmailLink(false);
    },
    async send() {
      finish(await login.mutateAsync({ email, password }));
    },
    onReason(reason, { message }) {
      if (reason === "INVALID_CREDENTIALS") setOfferEmailLink(true);
      if (reason !== "ACCOUNT_NOT_ACTIVATED") return false;
      setInactive({ message, email });
      return true;
    },
  });

  const passkey = usePasskeyLogin();
  const [passkeyError, setPasskeyError] = useState<string | null>(null);
  const loggedInRef = useRef(loggedIn);
  loggedInRef.current = loggedIn;

  /** A person who picks a passkey, from autofill or the button: any problem but a closed prompt is shown. */
  async function withPasskey(autofill: boolean) {
    setPasskeyError(null);
    try {
      const session = await passkey.logIn({ autofill });
      if (session) loggedInRef.current(session);
    } catch (error) {
      const problem = passkeyProblem(error);
      if (problem.reason !== "PASSKEY_CANCELLED") setPasskeyError(problem.message);
    }
  }
  const withPasskeyRef = useRef(withPasskey);
  withPasskeyRef.current = withPasskey;

  // Conditional UI: the email field's autofill offers this site's passkeys while the page is open.
  useEffect(() => {
    let open = true;
    void browserSupportsWebAuthnAutofill().then((supported) => {
      if (supported && open) void withPasskeyRef.current(true);
    });
    return () => {
      open = false;
      WebAuthnAbortService.cancelCeremony();
    };
  }, []);

  // A provider sign-in of an account with two-step login hands its ticket over in the
  // fragment (never sent to a server); it is taken once and wiped from the address bar.
  useEffect(() => {
    const handedOver = new URLSearchParams(window.location.hash.slice(1));
    const fromProvider = handedOver.get("ticket");
    if (!fromProvider) return;
    window.history.replaceState(null, "", `${window.location.pathname}${window.location.search}`);
    setTicket({ ticket: fromProvider, methods: (handedOver.get("methods") ?? "").split(",") });
  }, [setTicket]);

  const emailLoginHref = returnTo
    ? `/login/email?${new URLSearchParams({ returnTo })}`
    : "/login/email";

  if (ticket) {
    return (
      <SecondStepForm
        ticket={ticket.ticket}
        methods={ticket.methods}
        leaving={leaving}
        onLoggedIn={loggedIn}
        onRestart={(message) => {
          setTicket(null);
          setPassword("");
          setRestartedBecause(message);
        }}
      />
    );
  }

  return (
    <Card
      title={t("title")}
      footer={
        <>
          <p>
            <Link href={emailLoginHref}>{t("emailLinkInstead")}</Link>
          </p>
          <p>
            <Link href="/forgot-password">{t("forgotPassword")}</Link>
          </p>
          <p>{t.rich("newHere", { link: (chunks) => <Link href="/signup">{chunks}</Link> })}</p>
        </>
      }
    >
      {/* method="post": a submit before hydration must not put the password in the URL. */}
      <form method="post" noValidate onSubmit={onSubmit} aria-busy={pending}>
        <Stack>
          {linking ? (
            <Notice tone="info" title={t("linkingTitle", { provider: linking.provider })}>
              <p>{t("linkingText", { email: linking.email, provider: linking.provider })}</p>
            </Notice>
          ) : null}
          {loggedOut ? (
            <Notice tone="success" title={t("loggedOutTitle")}>
              <p>{t("loggedOutText")}</p>
            </Notice>
          ) : null}
          {/* "webauthn": the field's autofill also lists this site's passkeys (conditional UI). */}
          <EmailField {...fields.bind("email", email, setEmail)} autoComplete="username webauthn" />
          <PasswordField {...fields.bind("password", password, setPassword)} purpose="current" />
          <Button type="submit" fullWidth pending={pending} pendingLabel={common("loggingIn")}>
            {common("logIn")}
          </Button>
          {/* Not activated is no mistake of the person's: a hint with a way forward, not an error. */}
          <FormError message={formError ?? passkeyError ?? restartedBecause ?? providerProblem}>
            {offerEmailLink && formError ? (
              <p>
                {t.rich("notSure", {
                  link: (chunks) => <Link href={emailLoginHref}>{chunks}</Link>,
                })}
              </p>
            ) : null}
          </FormError>
          <Button
            variant="secondary"
            fullWidth
            pending={passkey.pending}
            pendingLabel={common("checkingPasskey")}
            onClick={() => void withPasskey(false)}
          >
            {t("withPasskey")}
          </Button>
          <LiveRegion>
            {inactive ? (
              <Notice tone="info" title={t("activateFirst")}>
                <p>{inactive.message}</p>
                <ResendActivation email={inactive.email} />
              </Notice>
            ) : null}
          </LiveRegion>
        </Stack>
      </form>
      {providers}
    </Card>
  );
}
