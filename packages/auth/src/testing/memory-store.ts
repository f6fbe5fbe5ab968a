import type { Session, User } from "../database";

export interface StoredSession extends Session {
  revokeReason: string | null;
}

/**
 * One table as a repository sees it: the committed rows from outside a
 * transaction, its own writes from inside one. A small imitation of
 * PostgreSQL's read committed isolation and row locks, enough for the
 * domain's races to play out in unit tests as they would on the database.
 */
export interface TableView<R> {
  get(id: string): R | undefined;
  find(match: (row: R) => boolean): R | undefined;
  /** Waits while an open transaction has written a row that matches, as a row lock would. */
  lock(match: (row: R) => boolean): Promise<void>;
  put(row: R): void;
}

export interface Scope {
  users: TableView<User>;
  sessions: TableView<StoredSession>;
}

class Table<R extends { id: string }> {
  private readonly rows = new Map<string, R>();
  /** While a transaction is open: each row it wrote as it was before (undefined: it inserted it). */
  private before: Map<string, R | undefined> | null = null;

  constructor(private readonly transactionEnd: () => Promise<void> | null) {}

  readonly outside: TableView<R> = {
    get: (id) => (this.before?.has(id) ? this.before.get(id) : this.rows.get(id)),
    find: (match) => {
      for (const row of this.rows.values()) {
        if (!this.before?.has(row.id) && match(row)) return row;
      }
      for (const row of this.before?.values() ?? []) if (row && match(row)) return row;
      return undefined;
    },
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
      lock: async () => check(),
      put: (row) => {
        check();
        if (this.before && !this.before.has(row.id)) this.before.set(row.id, this.rows.get(row.id));
        this.rows.set(row.id, row);
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

  /** Statements outside any transaction: each one atomic, never seeing uncommitted rows. */
  readonly outside: Scope = { users: this.users.outside, sessions: this.sessions.outside };

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
    const tables = [this.users, this.sessions] as const;
    for (const table of tables) table.begin();
    let failed = true;
    try {
      const result = await fn({
        users: this.users.inside(check),
        sessions: this.sessions.inside(check),
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
