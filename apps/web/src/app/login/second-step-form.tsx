"use client";

import { completeLoginInput } from "@latch/validators";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "../../components/button";
import { Card, Stack } from "../../components/card";
import { CodeField } from "../../components/code-field";
import { Field } from "../../components/field";
import { FormError } from "../../components/notice";
import { usePasskeyProblem } from "../../components/passkey-problem";
import { useFieldErrors } from "../../components/use-field-errors";
import { useFormSubmit } from "../../components/use-form-submit";
import { useTRPC } from "../../trpc/react";
import type { BrowserSessionView } from "./use-finish-login";
import { usePasskeyLogin } from "./use-passkey-login";

const FIELDS = ["code", "recoveryCode"] as const;

/** A ticket that can no longer be completed: the password step must be done again. */
const TICKET_ENDED = new Set(["LOGIN_TICKET_INVALID", "LOGIN_TICKET_EXPIRED"]);

interface SecondStepProps {
  ticket: string;
  /** What the account can complete this step with; "passkey" adds the passkey button. */
  methods: string[];
  onLoggedIn: (session: BrowserSessionView) => void;
  /** Back to the password step, with why. */
  onRestart: (message: string) => void;
  leaving: boolean;
}

/**
 * The second step of a login: a code from the authenticator app
 * (`one-time-code`, so phones offer it from SMS-style autofill and password
 * managers from their TOTP), or one of the recovery codes instead, or a
 * passkey of the account when it has one.
 */
export function SecondStepForm({
  ticket,
  methods,
  onLoggedIn,
  onRestart,
  leaving,
}: SecondStepProps) {
  const t = useTranslations("login.secondStep");
  const common = useTranslations("components.common");
  const passkeyProblem = usePasskeyProblem();
  const trpc = useTRPC();
  const complete = useMutation(trpc.session.completeLogin.mutationOptions());
  const [useRecovery, setUseRecovery] = useState(false);
  const [code, setCode] = useState("");
  const [recoveryCode, setRecoveryCode] = useState("");
  const fields = useFieldErrors(FIELDS);
  const pending = complete.isPending || leaving;
  const values = useRecovery ? { ticket, recoveryCode } : { ticket, code };
  const { formError, onSubmit, reset } = useFormSubmit({
    fields,
    schema: completeLoginInput,
    values,
    pending,
    async send(checked) {
      onLoggedIn(await complete.mutateAsync(checked));
    },
    onReason(reason, { message }) {
      if (!TICKET_ENDED.has(reason)) return false;
      onRestart(message);
      return true;
    },
  });

  const { onValueChange: typeRecovery, ...recoveryField } = fields.bind(
    "recoveryCode",
    recoveryCode,
    setRecoveryCode,
  );

  const passkey = usePasskeyLogin();
  const [passkeyError, setPasskeyError] = useState<string | null>(null);

  async function logInWithPasskey() {
    setPasskeyError(null);
    try {
      const session = await passkey.logIn({ ticket });
      if (session) onLoggedIn(session);
    } catch (error) {
      const problem = passkeyProblem(error);
      if (TICKET_ENDED.has(problem.reason)) onRestart(problem.message);
      else if (problem.reason !== "PASSKEY_CANCELLED") setPasskeyError(problem.message);
    }
  }

  function switchMethod() {
    reset();
    setUseRecovery(!useRecovery);
  }

  return (
    <Card title={t("title")}>
      <form method="post" noValidate onSubmit={onSubmit} aria-busy={pending}>
        <Stack>
          {useRecovery ? (
            <Field
              {...recoveryField}
              label={t("recoveryLabel")}
              hint={t("recoveryHint")}
              autoComplete="off"
              // A code of letters and digits reads left to right, also in a right-to-left page.
              dir="ltr"
              autoCapitalize="none"
              spellCheck={false}
              required
              onChange={(event) => typeRecovery(event.target.value)}
            />
          ) : (
            <CodeField {...fields.bind("code", code, setCode)} hint={t("codeHint")} />
          )}
          <Button type="submit" fullWidth pending={pending} pendingLabel={t("checking")}>
            {t("continue")}
          </Button>
          <FormError message={formError ?? passkeyError} />
          {methods.includes("passkey") ? (
            <Button
              variant="secondary"
              fullWidth
              pending={passkey.pending}
              pendingLabel={common("checkingPasskey")}
              onClick={() => void logInWithPasskey()}
            >
              {t("usePasskey")}
            </Button>
          ) : null}
          <Button variant="quiet" onClick={switchMethod}>
            {useRecovery ? t("useAppCode") : t("useRecoveryCode")}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}
