import { z } from "zod";
import { loginTicketSchema } from "./mfa-inputs";
import { loginPasswordSchema } from "./password";

/** Binary fields of a WebAuthn response, as @simplewebauthn/browser sends them. */
const base64urlSchema = (max: number) =>
  z
    .string()
    .max(max)
    .regex(/^[A-Za-z0-9_-]*$/, { error: "base64urlInvalid" });

const credentialIdSchema = base64urlSchema(1400).min(1);

/** usb, nfc, ble, internal, hybrid, ...: hints the browser gave, kept only to hand back to it. */
const transportSchema = z.string().max(32);

/**
 * The shape of a credential the browser created or used; what it proves is
 * for @simplewebauthn/server to verify. Of the extension results, only
 * credProps (which browsers add on their own) is kept: Latch asks for none.
 */
const credentialFields = {
  id: credentialIdSchema,
  rawId: credentialIdSchema,
  type: z.literal("public-key"),
  clientExtensionResults: z.object({
    credProps: z.object({ rk: z.boolean().optional() }).optional(),
  }),
  authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
};

const registrationResponseSchema = z.object({
  ...credentialFields,
  response: z.object({
    clientDataJSON: base64urlSchema(4096),
    attestationObject: base64urlSchema(32_768),
    transports: z.array(transportSchema).max(10).optional(),
  }),
});

const authenticationResponseSchema = z.object({
  ...credentialFields,
  response: z.object({
    clientDataJSON: base64urlSchema(4096),
    authenticatorData: base64urlSchema(4096),
    signature: base64urlSchema(2048),
    userHandle: base64urlSchema(128).optional(),
  }),
});

/** What a person calls a passkey ("Work laptop"), to tell them apart in the list. */
export const passkeyNameSchema = z
  .string({ error: "passkeyNameMissing" })
  .trim()
  .min(1, { error: "passkeyNameMissing" })
  .max(64, { error: "passkeyNameTooLong" });

export const passkeyRegistrationOptionsInput = z.object({ password: loginPasswordSchema });
export const verifyPasskeyRegistrationInput = z.object({
  name: passkeyNameSchema,
  response: registrationResponseSchema,
});
export const renamePasskeyInput = z.object({ id: credentialIdSchema, name: passkeyNameSchema });
export const removePasskeyInput = z.object({ id: credentialIdSchema });

/** Without a ticket: sign in with a passkey alone. With one: the passkey is the second step. */
export const passkeySignInOptionsInput = z.object({ ticket: loginTicketSchema.optional() });
export const verifyPasskeySignInInput = z.object({
  ticket: loginTicketSchema.optional(),
  response: authenticationResponseSchema,
});

export type VerifyPasskeyRegistrationInput = z.infer<typeof verifyPasskeyRegistrationInput>;
export type VerifyPasskeySignInInput = z.infer<typeof verifyPasskeySignInInput>;
export type PasskeyRegistrationOptionsInput = z.infer<typeof passkeyRegistrationOptionsInput>;
export type RenamePasskeyInput = z.infer<typeof renamePasskeyInput>;
export type RemovePasskeyInput = z.infer<typeof removePasskeyInput>;
export type PasskeySignInOptionsInput = z.infer<typeof passkeySignInOptionsInput>;
