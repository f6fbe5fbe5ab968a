import type { AuditEvent, WebhookEndpoint } from "../ports/audit";
import type {
  Identity,
  OutboxRequest,
  Passkey,
  Session,
  TotpFactor,
  User,
} from "../ports/database";

export interface StoredSession extends Session {
  revokeReason: string | null;
}

/** Keyed by the user's id: one factor per user, as the table's primary key says. */
export interface StoredTotpFactor extends TotpFactor {
  id: string;
}

export interface StoredRecoveryCode {
  id: string;
  userId: string;
  codeHash: string;
  createdAt: Date;
}

/** Keyed by the session's id, as the table's primary key says. */
export interface StoredRevocation {
  id: string;
  until: Date;
}

export interface StoredOutboxEntry {
  id: string;
  request: OutboxRequest;
  status: "pending" | "sent" | "dropped" | "dead";
  attempts: number;
  dueAt: Date;
  createdAt: Date;
  finishedAt: Date | null;
  lastError: string | null;
  claimToken: string | null;
  mintedStamp: string | null;
}

/**
 * One table as a repository sees it: the committed rows from outside a
 * transaction, its own writes from inside one. A small imitation of
 * PostgreSQL's read committed isolation and row locks, enough for the
 * domain's races to play out in unit tests as they would on the database.
 */
interface TableView<R> {
  get(id: string): R | undefined;
  find(match: (row: R) => boolean): R | undefined;
  filter(match: (row: R) => boolean): R[];
  /** Waits while an open transaction has written a row that matches, as a row lock would. */
  lock(match: (row: R) => boolean): Promise<void>;
  put(row: R): void;
  delete(id: string): void;
}

export interface Scope {
  users: TableView<User>;
  sessions: TableView<StoredSession>;
  totpFactors: TableView<StoredTotpFactor>;
  recoveryCodes: TableView<StoredRecoveryCode>;
  passkeys: TableView<Passkey>;
  identities: TableView<Identity>;
  outbox: TableView<StoredOutboxEntry>;
  revocations: TableView<StoredRevocation>;
  auditEvents: TableView<AuditEvent>;
  webhookEndpoints: TableView<WebhookEndpoint>;
}

class Table<R extends { id: string }> {
  private readonly rows = new Map<string, R>();
  /** While a transaction is open: each row it wrote as it was before (undefined: it inserted it). */
  private before: Map<string, R | undefined> | null = null;

  constructor(private readonly transactionEnd: () => Promise<void> | null) {}

  readonly outside: TableView<R> = {
    get: (id) => (this.before?.has(id) ? this.before.get(id) : this.rows.get(id)),
    find: (match) => this.committed().find(match),
    filter: (match) => this.committed().filter(match),
    lock: async (match) => {
      for (
        let end = this.transactionEnd();
        end && this.heldBy(match);
        end = this.transactionEnd()
      ) {
        await end;
      }
    },
    put: (row) => {
      this.rows.set(row.id, row);
    },
    delete: (id) => {
      this.rows.delete(id);
    },
  };

  /** The view of the open transaction; `check` throws once it has finished. */
  inside(check: () => void): TableView<R> {
    return {
      get: (id) => {
        check();
        return this.rows.get(id);
      },
      find: (match) => {
        check();
        for (const row of this.rows.values()) if (match(row)) return row;
        return undefined;
      },
      filter: (match) => {
        check();
        return [...this.rows.values()].filter(match);
      },
      lock: async () => check(),
      put: (row) => {
        check();
        this.remember(row.id);
        this.rows.set(row.id, row);
      },
      delete: (id) => {
        check();
        this.remember(id);
        this.rows.delete(id);
      },
    };
  }

  begin(): void {
    this.before = new Map();
  }

  end(rollBack: boolean): void {
    for (const [id, row] of rollBack ? (this.before ?? []) : []) {
      if (row === undefined) this.rows.delete(id);
      else this.rows.set(id, row);
    }
    this.before = null;
  }

  /** The rows as outside the open transaction: untouched ones, then those it wrote, as they were. */
  private committed(): R[] {
    const untouched = [...this.rows.values()].filter((row) => !this.before?.has(row.id));
    const touched = [...(this.before?.values() ?? [])].filter((row) => row !== undefined);
    return [...untouched, ...touched];
  }

  /** Keeps a row's state from before the open transaction first wrote it, for a rollback. */
  private remember(id: string): void {
    if (this.before && !this.before.has(id)) this.before.set(id, this.rows.get(id));
  }

  private heldBy(match: (row: R) => boolean): boolean {
    for (const [id, before] of this.before ?? []) {
      const current = this.rows.get(id);
      if ((before && match(before)) || (current && match(current))) return true;
    }
    return false;
  }
}

export class MemoryStore {
  private end: Promise<void> | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly users = new Table<User>(() => this.end);
  private readonly sessions = new Table<StoredSession>(() => this.end);
  private readonly totpFactors = new Table<StoredTotpFactor>(() => this.end);
  private readonly recoveryCodes = new Table<StoredRecoveryCode>(() => this.end);
  private readonly passkeys = new Table<Passkey>(() => this.end);
  private readonly identities = new Table<Identity>(() => this.end);
  private readonly outbox = new Table<StoredOutboxEntry>(() => this.end);
  private readonly revocations = new Table<StoredRevocation>(() => this.end);
  private readonly auditEvents = new Table<AuditEvent>(() => this.end);
  private readonly webhookEndpoints = new Table<WebhookEndpoint>(() => this.end);

  /** Statements outside any transaction: each one atomic, never seeing uncommitted rows. */
  readonly outside: Scope = {
    users: this.users.outside,
    sessions: this.sessions.outside,
    totpFactors: this.totpFactors.outside,
    recoveryCodes: this.recoveryCodes.outside,
    passkeys: this.passkeys.outside,
    identities: this.identities.outside,
    outbox: this.outbox.outside,
    revocations: this.revocations.outside,
    auditEvents: this.auditEvents.outside,
    webhookEndpoints: this.webhookEndpoints.outside,
  };

  /** Transactions run one at a time; a throw restores every row they wrote. */
  transaction<T>(fn: (scope: Scope) => Promise<T>): Promise<T> {
    const run = this.queue.then(() => this.run(fn));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async run<T>(fn: (scope: Scope) => Promise<T>): Promise<T> {
    let finish = () => {};
    this.end = new Promise<void>((resolve) => {
      finish = resolve;
    });
    let open = true;
    const check = () => {
      // As with a Prisma transaction client used after $transaction settled.
      if (!open) throw new Error("Transaction already closed: its repositories cannot be used");
    };
    const tables = [
      this.users,
      this.sessions,
      this.totpFactors,
      this.recoveryCodes,
      this.passkeys,
      this.identities,
      this.outbox,
      this.revocations,
      this.auditEvents,
      this.webhookEndpoints,
    ] as const;
    for (const table of tables) table.begin();
    let failed = true;
    try {
      const result = await fn({
        users: this.users.inside(check),
        sessions: this.sessions.inside(check),
        totpFactors: this.totpFactors.inside(check),
        recoveryCodes: this.recoveryCodes.inside(check),
        passkeys: this.passkeys.inside(check),
        identities: this.identities.inside(check),
        outbox: this.outbox.inside(check),
        revocations: this.revocations.inside(check),
        auditEvents: this.auditEvents.inside(check),
        webhookEndpoints: this.webhookEndpoints.inside(check),
      });
      failed = false;
      return result;
    } finally {
      open = false;
      for (const table of tables) table.end(failed);
      this.end = null;
      finish();
    }
  }
}
