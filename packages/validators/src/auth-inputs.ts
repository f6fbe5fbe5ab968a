import { z } from "zod";
import { emailSchema } from "./email";
import { loginPasswordSchema, passwordSchema } from "./password";
import { activationKeySchema, jwtSchema } from "./tokens";

export const signupInput = z.object({ email: emailSchema, password: passwordSchema });
export const loginInput = z.object({ email: emailSchema, password: loginPasswordSchema });
/**
 * Activation proves the mailbox, and a password chosen before that proof must
 * not ride along unconfirmed: the link's holder either types the password the
 * link was sent for, or chooses a new one (which replaces every pending one).
 */
export const activateInput = z
  .object({
    key: activationKeySchema,
    password: loginPasswordSchema.optional(),
    newPassword: passwordSchema.optional(),
  })
  .superRefine((input, ctx) => {
    if (input.password === undefined && input.newPassword === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["password"],
        message: "activationPasswordMissing",
      });
    }
    if (input.password !== undefined && input.newPassword !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["newPassword"],
        message: "activationPasswordBoth",
      });
    }
  });
export const refreshActivationKeyInput = z.object({ key: activationKeySchema });
export const resendActivationInput = z.object({ email: emailSchema });
export const refreshInput = z.object({ refresh: jwtSchema });
export const logoutInput = z.object({ refresh: jwtSchema });

export type SignupInput = z.infer<typeof signupInput>;
export type LoginInput = z.infer<typeof loginInput>;
export type ActivateInput = z.infer<typeof activateInput>;
export type RefreshActivationKeyInput = z.infer<typeof refreshActivationKeyInput>;
export type ResendActivationInput = z.infer<typeof resendActivationInput>;
export type RefreshInput = z.infer<typeof refreshInput>;
export type LogoutInput = z.infer<typeof logoutInput>;
