import type { Prisma } from "../generated/prisma/client";

/** The root client or an interactive transaction's: repositories run the same way on both. */
export type Client = Prisma.TransactionClient;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Ids arrive from tokens and key-store records; one that is not even a UUID
 * names no row, and asking PostgreSQL would only raise a cast error.
 */
export const isUuid = (id: string) => UUID.test(id);
