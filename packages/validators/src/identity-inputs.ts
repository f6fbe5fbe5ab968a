import { z } from "zod";

export const disconnectIdentityInput = z.object({ id: z.uuid() }).strict();
