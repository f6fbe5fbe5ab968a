import { afterAll, beforeAll, describe } from "vitest";
import type { Database } from "../ports/database";
import { accountChangesContract } from "./conformance/account-changes";
import { adminContract } from "./conformance/admin";
import { auditContract } from "./conformance/audit";
import { fixtures } from "./conformance/fixtures";
import { identitiesContract } from "./conformance/identities";
import { outboxContract } from "./conformance/outbox";
import { passkeysContract } from "./conformance/passkeys";
import { revocationsContract } from "./conformance/revocations";
import { secondFactorsContract } from "./conformance/second-factors";
import { sessionManagementContract } from "./conformance/session-management";
import { sessionsContract } from "./conformance/sessions";
import { transactionsContract } from "./conformance/transactions";
import { usersContract } from "./conformance/users";

export interface DatabaseUnderTest {
  db: Database;
  cleanup(): Promise<void>;
}

/**
 * The Database contract (packages/auth/src/database.ts) as one suite that
 * every implementation runs: the in-memory one and the PostgreSQL ones.
 * `make` runs once for the suite; the tests share the database.
 */
export function describeDatabaseConformance(
  name: string,
  make: () => Promise<DatabaseUnderTest>,
): void {
  describe(`Database contract: ${name}`, () => {
    let subject: DatabaseUnderTest | undefined;
    beforeAll(async () => {
      subject = await make();
    });
    afterAll(async () => {
      await subject?.cleanup();
    });

    const f = fixtures(() => {
      if (!subject) throw new Error("the database under test did not start");
      return subject.db;
    });
    usersContract(f);
    accountChangesContract(f);
    sessionsContract(f);
    sessionManagementContract(f);
    transactionsContract(f);
    outboxContract(f);
    secondFactorsContract(f);
    passkeysContract(f);
    identitiesContract(f);
    revocationsContract(f);
    adminContract(f);
    auditContract(f);
  });
}
