import { z } from "zod";
import { loginPasswordSchema } from "./password";

/** Six digits as an authenticator app shows them; spaces (and "123 456") are forgiven. */
const totpCodeSchema = z
  .string({ error: "totpCodeMissing" })
  .transform((code) => code.replace(/\s/g, ""))
  .pipe(z.string().regex(/^\d{6}$/, { error: "totpCodeMissing" }));

/** A recovery code as shown (`xxxx-xxxx-xxxx-xxxx`), in any case, with or without dashes and spaces. */
export const recoveryCodeSchema = z
  .string({ error: "recoveryCodeMissing" })
  .trim()
  .regex(/^[0-9A-Za-z][0-9A-Za-z\s-]{14,30}[0-9A-Za-z]$/, {
    error: "recoveryCodeInvalid",
  });

/** Either proof of the second factor: a 6-digit code, or one of the recovery codes. */
const secondFactorCodeSchema = z
  .string({ error: "secondFactorCodeMissing" })
  .trim()
  .min(6, { error: "secondFactorCodeMissing" })
  .max(32, { error: "codeTooLong" });

/** The 43 base64url characters of a 256-bit login ticket. */
export const loginTicketSchema = z
  .string({ error: "ticketMissing" })
  .regex(/^[A-Za-z0-9_-]{43}$/, { error: "ticketInvalid" });

export const beginTotpInput = z.object({ password: loginPasswordSchema });
export const confirmTotpInput = z.object({ code: totpCodeSchema });
export const regenerateRecoveryCodesInput = z.object({
  password: loginPasswordSchema,
  code: secondFactorCodeSchema,
});
export const disableSecondFactorInput = z.object({
  password: loginPasswordSchema,
  code: secondFactorCodeSchema,
});

/** The second step of a login: the ticket with exactly one proof. */
export const completeLoginInput = z
  .object({
    ticket: loginTicketSchema,
    code: totpCodeSchema.optional(),
    recoveryCode: recoveryCodeSchema.optional(),
  })
  .superRefine((input, ctx) => {
    if (input.code === undefined && input.recoveryCode === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["code"],
        message: "secondStepCodeMissing",
      });
    }
    if (input.code !== undefined && input.recoveryCode !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["recoveryCode"],
        message: "secondStepBoth",
      });
    }
  });

export type BeginTotpInput = z.infer<typeof beginTotpInput>;
export type ConfirmTotpInput = z.infer<typeof confirmTotpInput>;
export type RegenerateRecoveryCodesInput = z.infer<typeof regenerateRecoveryCodesInput>;
export type DisableSecondFactorInput = z.infer<typeof disableSecondFactorInput>;
export type CompleteLoginInput = z.infer<typeof completeLoginInput>;
