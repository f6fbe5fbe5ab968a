import { z } from "zod";
import { emailSchema } from "./email";
import { oneTimeKeySchema } from "./tokens";

export const passwordlessStartInput = z.object({ email: emailSchema });

/** The 6 digits of a passwordless login email, as typed: spaces and dashes between digits are ignored. */
const loginCodeSchema = z
  .string({ error: "emailCodeMissing" })
  .transform((code) => code.replace(/[\s-]/g, ""))
  .pipe(z.string().regex(/^\d{6}$/, { error: "emailCodeInvalid" }));

/**
 * A passwordless login is verified by the link's key, or by the address and
 * the code from the same email (typed on another device). One object with
 * optional fields rather than a union, so a malformed code is reported on
 * its field (a union's failure has no field to point at).
 */
export const passwordlessVerifyInput = z
  .object({
    key: oneTimeKeySchema.optional(),
    email: emailSchema.optional(),
    code: loginCodeSchema.optional(),
  })
  .superRefine((input, ctx) => {
    if (input.key !== undefined) {
      if (input.email !== undefined || input.code !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["key"],
          message: "linkOrCodeBoth",
        });
      }
      return;
    }
    if (input.email === undefined) {
      ctx.addIssue({ code: "custom", path: ["email"], message: "emailMissing" });
    }
    if (input.code === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["code"],
        message: "emailCodeMissing",
      });
    }
  })
  .transform((input): { key: string } | { email: string; code: string } =>
    input.key !== undefined
      ? { key: input.key }
      : { email: input.email ?? "", code: input.code ?? "" },
  );

export type PasswordlessStartInput = z.infer<typeof passwordlessStartInput>;
export type PasswordlessVerifyInput = z.output<typeof passwordlessVerifyInput>;
