import {
  type AuthDeps,
  inspectActivationKey,
  inspectEmailChangeKey,
  inspectPasswordlessKey,
  inspectResetKey,
} from "@latch/auth";

const inspectors = {
  activation: inspectActivationKey,
  "password-reset": inspectResetKey,
  "email-change": inspectEmailChangeKey,
  "passwordless-login": inspectPasswordlessKey,
};

/** The emailed links a landing page can inspect. */
export type LinkPurpose = keyof typeof inspectors;

/** What each kind of link would do: its details when usable, else the reason it would fail. */
export type LinkStates = {
  [Purpose in LinkPurpose]: Awaited<ReturnType<(typeof inspectors)[Purpose]>>;
};

export function inspectLink<Purpose extends LinkPurpose>(
  deps: AuthDeps,
  purpose: Purpose,
  key: string,
): Promise<LinkStates[Purpose]> {
  return (inspectors[purpose] as (deps: AuthDeps, key: string) => Promise<LinkStates[Purpose]>)(
    deps,
    key,
  );
}
