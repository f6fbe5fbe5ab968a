import { locales } from "@latch/i18n/locales";
import { z } from "zod";
import { emailSchema } from "./email";
import { loginPasswordSchema, passwordSchema } from "./password";
import { oneTimeKeySchema } from "./tokens";

export const requestPasswordResetInput = z.object({ email: emailSchema });
export const resetPasswordInput = z.object({ key: oneTimeKeySchema, password: passwordSchema });
export const changePasswordInput = z.object({
  currentPassword: loginPasswordSchema,
  newPassword: passwordSchema,
});
export const revokeSessionInput = z.object({
  sessionId: z.uuid({ error: "sessionIdInvalid" }),
});
export const logoutAllInput = z
  .object({ keepCurrent: z.boolean().default(false) })
  .default({ keepCurrent: false });
export const requestEmailChangeInput = z.object({
  newEmail: emailSchema,
  password: loginPasswordSchema,
});
export const confirmEmailChangeInput = z.object({ key: oneTimeKeySchema });
export const deleteAccountInput = z.object({ password: loginPasswordSchema });
/** The language of the account's emails: one Latch has catalogues for. */
export const setLocaleInput = z.object({ locale: z.enum(locales) });

export type RequestPasswordResetInput = z.infer<typeof requestPasswordResetInput>;
export type ResetPasswordInput = z.infer<typeof resetPasswordInput>;
export type ChangePasswordInput = z.infer<typeof changePasswordInput>;
export type RevokeSessionInput = z.infer<typeof revokeSessionInput>;
export type LogoutAllInput = z.infer<typeof logoutAllInput>;
export type RequestEmailChangeInput = z.infer<typeof requestEmailChangeInput>;
export type ConfirmEmailChangeInput = z.infer<typeof confirmEmailChangeInput>;
export type DeleteAccountInput = z.infer<typeof deleteAccountInput>;
