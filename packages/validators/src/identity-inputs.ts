import { z } from "zod";

export const disconnectIdentityInput = z.object({ id: z.uuid() }).strict();

export type DisconnectIdentityInput = z.infer<typeof disconnectIdentityInput>;
