import type { Database, Repositories } from "@latch/auth/ports";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";
import { auditLog, auditLogWriter, webhookEndpoints } from "./repositories/audit";
import type { Client } from "./repositories/client";
import { identityRepository } from "./repositories/identities";
import { outboxRepository, outboxWriter } from "./repositories/outbox";
import { passkeyRepository } from "./repositories/passkeys";
import { revocationLog, revocationLogWriter } from "./repositories/revocations";
import { secondFactorRepository } from "./repositories/second-factors";
import { sessionRepository } from "./repositories/sessions";
import { userRepository } from "./repositories/users";

export interface PrismaDatabaseOptions {
  connectionString: string;
  /** Pool size; 1 for the embedded PGlite server (see startEmbeddedPostgres). Default 10. */
  maxConnections?: number;
  /**
   * Deadline for getting a connection and for each query, enforced by the
   * driver (and, with `serverStatementTimeout`, by PostgreSQL itself, which
   * then aborts the statement instead of finishing it unseen).
   */
  timeoutMs?: number;
  serverStatementTimeout?: boolean;
}

export interface PrismaDatabase {
  db: Database;
  /** Ends the connection pool. */
  close(): Promise<void>;
}

/**
 * How long a transaction may wait for a pooled connection, and run. Prisma's
 * defaults (2 s, 5 s) are tight for a one-connection pool (PGlite) under a
 * burst, where transactions queue behind each other. Set on the client, so
 * they also hold for the short transactions repositories open themselves.
 */
const TRANSACTION_LIMITS = { maxWait: 10_000, timeout: 10_000 };

/** The auth domain's Database on PostgreSQL, through the generated Prisma client and @prisma/adapter-pg. */
export function createPrismaDatabase(options: PrismaDatabaseOptions): PrismaDatabase {
  const timeouts =
    options.timeoutMs === undefined
      ? {}
      : {
          connectionTimeoutMillis: options.timeoutMs,
          query_timeout: options.timeoutMs,
          ...(options.serverStatementTimeout ? { statement_timeout: options.timeoutMs } : {}),
        };
  const adapter = new PrismaPg({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    ...timeouts,
  });
  const prisma = new PrismaClient({ adapter, transactionOptions: TRANSACTION_LIMITS });
  const repositories = (client: Client): Repositories => ({
    users: userRepository(client),
    identities: identityRepository(client),
    sessions: sessionRepository(client),
    secondFactors: secondFactorRepository(client),
    passkeys: passkeyRepository(client),
    outbox: outboxWriter(client),
    revocations: revocationLogWriter(client),
    audit: auditLogWriter(client),
    webhooks: webhookEndpoints(client),
  });

  const db: Database = {
    ...repositories(prisma),
    outbox: outboxRepository(prisma),
    revocations: revocationLog(prisma),
    audit: auditLog(prisma),
    async ping() {
      await prisma.$queryRaw`SELECT 1`;
    },
    transaction(fn) {
      return prisma.$transaction((tx) => fn(repositories(tx)));
    },
  };
  return { db, close: () => prisma.$disconnect() };
}
