import { authErrorReasons } from "@latch/auth";
import { locales } from "@latch/i18n";
import { AUDIT_EVENT_TYPES } from "@latch/validators";
import type { AnyProcedure, inferRouterOutputs } from "@trpc/server";
import { z } from "zod";
import type { AppRouter } from "../root";

const user = z.object({ id: z.uuid(), email: z.email() });
const tokens = z.object({
  access: z.string().describe("Access token: a JWT, `typ: at+jwt` (README: the token contract)"),
  refresh: z.string().describe("Refresh token: send it to auth.refresh and auth.logout only"),
  accessExpiresAt: z.iso.datetime(),
  refreshExpiresAt: z.iso.datetime(),
});
const signedIn = z.object({ user, tokens });
const methods = z.array(z.enum(["totp", "recovery_code", "passkey"]));
const signedInOrSecondStep = z.union([
  signedIn,
  z.object({
    status: z.literal("second_factor_required"),
    ticket: z.string().describe("Single-use, 5 minutes: send it to auth.completeLogin"),
    methods,
  }),
]);
const sent = z.object({ status: z.literal("sent") });
const credentials = z
  .array(
    z.object({
      id: z.string().describe("Credential id, base64url"),
      type: z.literal("public-key"),
      transports: z.array(z.string()),
    }),
  )
  .describe("Credentials of the account the ceremony excludes or allows");
const passkey = z.object({
  id: z.string().describe("Credential id, base64url"),
  name: z.string(),
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable(),
});
const requestOptions = z
  .object({
    challenge: z.string().describe("Single-use, 5 minutes, for this ceremony only"),
    rpId: z.string().describe("APP_URL's host name"),
    timeout: z.number().int(),
    userVerification: z.literal("required"),
    allowCredentials: credentials.describe("Empty: any passkey of this site (discoverable)"),
  })
  .describe("PublicKeyCredentialRequestOptionsJSON for @simplewebauthn/browser");
const recoveryCodes = z.object({
  recoveryCodes: z.array(z.string()).describe("Shown once: Latch keeps only their hashes"),
});

/**
 * What each documented procedure answers (`result.data`), for the OpenAPI
 * document only: nothing is parsed at run time. The keys are the document's
 * operations: every `auth.*` procedure, and of `session.*` only
 * `session.inspectLink`, the one that needs no cookie and no Origin (an app
 * opening an emailed link may ask it what the link would do). `satisfies`
 * fails the build when a procedure has no schema here, and
 * openapi-outputs.test.ts when an answer and its schema part ways.
 */
export const documentedOutputs = {
  "auth.signup": z.object({ status: z.literal("activation_required"), email: z.email() }),
  "auth.activate": signedIn,
  "auth.refreshActivationKey": sent,
  "auth.resendActivation": sent,
  "auth.login": signedInOrSecondStep,
  "auth.completeLogin": signedIn,
  "auth.refresh": z.object({ tokens, user }),
  "auth.logout": z.object({ status: z.literal("logged_out") }),
  "auth.me": z.object({ user }),
  "auth.requestPasswordReset": sent,
  "auth.resetPassword": z.object({ status: z.literal("password_reset") }),
  "auth.changePassword": z.object({ tokens }),
  "auth.sessions.list": z.object({
    sessions: z.array(
      z.object({
        id: z.uuid(),
        createdAt: z.iso.datetime(),
        lastUsedAt: z.iso.datetime(),
        userAgent: z.string().nullable(),
        ip: z.string().nullable().describe("Coarsened: an IPv4 /24 or IPv6 /48"),
        current: z.boolean(),
      }),
    ),
  }),
  "auth.sessions.revoke": z.object({ status: z.literal("revoked") }),
  "auth.logoutAll": z.object({ status: z.literal("logged_out"), revoked: z.number().int() }),
  "auth.requestEmailChange": sent,
  "auth.confirmEmailChange": z.object({ status: z.literal("email_changed"), email: z.email() }),
  "auth.deleteAccount": z.object({ status: z.literal("deleted") }),
  "auth.account.setLocale": z.object({
    locale: z.enum(locales).describe("The language the account's emails are now written in"),
  }),
  "auth.mfa.status": z.object({
    enabled: z.boolean(),
    methods,
    enabledAt: z.iso.datetime().nullable(),
    recoveryCodesLeft: z.number().int(),
  }),
  "auth.mfa.totp.begin": z.object({
    secret: z.string().describe("Base32, for typing into an authenticator app"),
    otpauthUri: z.string().describe("otpauth://totp/…: what the QR code holds"),
  }),
  "auth.mfa.totp.confirm": recoveryCodes,
  "auth.mfa.recoveryCodes.regenerate": recoveryCodes,
  "auth.mfa.disable": z.object({ status: z.literal("disabled") }),
  "auth.passkeys.generateRegistrationOptions": z
    .object({
      rp: z.object({ id: z.string(), name: z.string() }),
      user: z.object({
        id: z.string().describe("The user handle, base64url"),
        name: z.string(),
        displayName: z.string(),
      }),
      challenge: z.string().describe("Single-use, 5 minutes, for this account's registration"),
      pubKeyCredParams: z.array(z.object({ alg: z.number().int(), type: z.literal("public-key") })),
      timeout: z.number().int(),
      attestation: z.literal("none"),
      excludeCredentials: credentials,
      authenticatorSelection: z.object({
        residentKey: z.literal("required"),
        userVerification: z.literal("required"),
      }),
    })
    .describe("PublicKeyCredentialCreationOptionsJSON for @simplewebauthn/browser"),
  "auth.passkeys.verifyRegistrationResponse": z.object({ passkey }),
  "auth.passkeys.list": z.object({ passkeys: z.array(passkey) }),
  "auth.passkeys.rename": z.object({ status: z.literal("renamed") }),
  "auth.passkeys.remove": z.object({ status: z.literal("removed") }),
  "auth.passkeys.generateAuthenticationOptions": requestOptions,
  "auth.passkeys.verifyAuthenticationResponse": signedIn,
  "auth.identities.providers": z.object({
    providers: z
      .array(z.object({ id: z.string(), name: z.string() }))
      .describe("Sign in at /api/auth/oidc/<id>/start; register /api/auth/oidc/<id>/callback"),
  }),
  "auth.identities.list": z.object({
    hasPassword: z.boolean().describe("False for an account only providers (and passkeys) open"),
    identities: z.array(
      z.object({
        id: z.uuid(),
        providerId: z.string(),
        providerName: z.string(),
        email: z.string().nullable().describe("The address the provider gave last time"),
        createdAt: z.iso.datetime(),
        lastUsedAt: z.iso.datetime().nullable(),
      }),
    ),
  }),
  "auth.identities.grantConnect": z.object({
    grant: z
      .string()
      .describe("Single-use, 5 minutes: GET /api/auth/oidc/<id>/start?connect=<grant>"),
  }),
  "auth.identities.disconnect": z.object({ status: z.literal("disconnected") }),
  "auth.passwordless.start": sent.describe(
    "The same for every address; an account gets one email with a link and a 6-digit code",
  ),
  "auth.passwordless.verify": signedInOrSecondStep,
  "auth.activity.list": z.object({
    events: z.array(
      z.object({
        id: z.uuid(),
        at: z.iso.datetime(),
        type: z.enum(AUDIT_EVENT_TYPES).describe("README: the audit trail's event types"),
        device: z.string().nullable().describe("Browser and system, parsed from the user agent"),
        ip: z.string().nullable().describe("The client's network (IPv4 /24, IPv6 /48)"),
        byAdmin: z.boolean().describe("Done by an admin, not by the account's owner"),
      }),
    ),
    nextCursor: z.uuid().nullable().describe("Send as `cursor` for the next (older) page"),
  }),
  "auth.activity.reportNotMe": z.object({
    sessionsEnded: z.number().int().describe("Every session ended, this one too"),
  }),
  "session.inspectLink": z.union([
    z.object({
      status: z.literal("usable"),
      email: z
        .email()
        .describe("The account's address (activation, password-reset, passwordless-login)"),
    }),
    z.object({
      status: z.literal("usable"),
      newEmail: z.email().describe("The address the link would switch to (email-change)"),
    }),
    z.object({
      status: z.literal("unusable"),
      reason: z.enum(authErrorReasons).describe("What redeeming the link now would fail with"),
    }),
  ]),
} satisfies Record<DocumentedProcedure, z.ZodType>;

type Outputs = inferRouterOutputs<AppRouter>;
/** "auth.sessions.list" -> what that procedure answers. */
type OutputAt<Path extends string, Tree = Outputs> = Path extends `${infer Head}.${infer Rest}`
  ? Head extends keyof Tree
    ? OutputAt<Rest, Tree[Head]>
    : never
  : Path extends keyof Tree
    ? Tree[Path]
    : never;
/** Every procedure's dotted name under a router record. */
type Leaves<Tree, Prefix extends string> = {
  [Key in keyof Tree & string]: Tree[Key] extends AnyProcedure
    ? `${Prefix}${Key}`
    : Leaves<Tree[Key], `${Prefix}${Key}.`>;
}[keyof Tree & string];
type DocumentedProcedure =
  | Leaves<AppRouter["_def"]["record"]["auth"], "auth.">
  | "session.inspectLink";

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** The procedures whose schema above no longer matches what they answer: `never`, or a test fails. */
export type OutputMismatches = {
  [Name in DocumentedProcedure]: Same<
    z.output<(typeof documentedOutputs)[Name]>,
    OutputAt<Name>
  > extends true
    ? never
    : Name;
}[DocumentedProcedure];
