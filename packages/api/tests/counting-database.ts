import type { Database, Repositories } from "@latch/auth";

/**
 * Wraps a Database and counts what a request costs it: transactions, and
 * repository calls made outside any transaction (each one statement).
 */
export function countingDatabase(inner: Database) {
  const counts = { transactions: 0, queriesOutsideTransactions: 0 };
  const countCalls = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(object, property, receiver) {
        const value = Reflect.get(object, property, receiver);
        if (typeof value !== "function") return value;
        return (...args: unknown[]) => {
          counts.queriesOutsideTransactions++;
          return value.apply(object, args);
        };
      },
    });
  const db: Database = {
    users: countCalls(inner.users),
    sessions: countCalls(inner.sessions),
    secondFactors: countCalls(inner.secondFactors),
    passkeys: countCalls(inner.passkeys),
    identities: countCalls(inner.identities),
    outbox: countCalls(inner.outbox),
    revocations: countCalls(inner.revocations),
    audit: countCalls(inner.audit),
    webhooks: countCalls(inner.webhooks),
    ping() {
      counts.queriesOutsideTransactions++;
      return inner.ping();
    },
    transaction<T>(fn: (tx: Repositories) => Promise<T>) {
      counts.transactions++;
      return inner.transaction(fn);
    },
  };
  return {
    db,
    counts,
    reset() {
      counts.transactions = 0;
      counts.queriesOutsideTransactions = 0;
    },
  };
}
