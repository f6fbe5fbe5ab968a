import { z } from "zod";
import { loginPasswordSchema } from "./password";

export const disconnectIdentityInput = z.object({ id: z.uuid() }).strict();

export const grantConnectInput = z.object({ password: loginPasswordSchema }).strict();
