import {
  ColumnTypeEnum,
  type SqlDriverAdapter,
  type SqlQueryable,
} from "@prisma/driver-adapter-utils";
import type pg from "pg";

/*
 * The engine's introspection (`diff` replays migrations into a shadow
 * database and reads its schema back) selects catalog columns of PostgreSQL's
 * one-byte "char" type (pg_constraint.contype, pg_class.relkind, ...).
 * @prisma/adapter-pg 7.10 does not map that type ("Column type 'char' could
 * not be deserialized", the same failure ENVIRONMENT.md notes for db push),
 * and the engine wants such columns typed as Character, not Text. pg parses
 * them as one-letter strings already; what is missing is the column type. The
 * engine's own connections (never the app's) are patched in two places:
 * pg results hide the type from the adapter, then the adapter's result gets
 * the right type back, matched through the rows array both share.
 */

const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;
const charColumnsOf = new WeakMap<object, number[]>();

type Query = (...args: unknown[]) => unknown;

/** For pool.on("connect"): every result of this client reports "char" columns as text and remembers which. */
export function hideCharColumns(client: pg.PoolClient): void {
  const query = client.query.bind(client) as Query;
  const patched: Query = (...args) => {
    const callback = args.at(-1);
    if (typeof callback === "function") {
      args[args.length - 1] = (error: unknown, result: unknown) =>
        callback(error, error ? result : relabel(result));
      return query(...args);
    }
    const pending = query(...args);
    return pending instanceof Promise ? pending.then(relabel) : pending;
  };
  Object.assign(client, { query: patched });
}

function relabel(result: unknown): unknown {
  for (const one of Array.isArray(result) ? result : [result]) {
    const { fields, rows } = (one ?? {}) as { fields?: unknown; rows?: unknown };
    if (!Array.isArray(fields) || typeof rows !== "object" || rows === null) continue;
    const charColumns: number[] = [];
    (fields as Array<{ dataTypeID: number }>).forEach((field, index) => {
      if (field.dataTypeID !== PG_CHAR_OID) return;
      field.dataTypeID = PG_TEXT_OID;
      charColumns.push(index);
    });
    if (charColumns.length > 0) charColumnsOf.set(rows, charColumns);
  }
  return result;
}

/** Gives the columns hidden by hideCharColumns their Character type back, on the adapter and its transactions. */
export function restoreCharColumns<T extends SqlDriverAdapter>(adapter: T): T {
  restoreOn(adapter);
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (...args) => restoreOn(await startTransaction(...args));
  return adapter;
}

function restoreOn<T extends SqlQueryable>(queryable: T): T {
  const queryRaw = queryable.queryRaw.bind(queryable);
  queryable.queryRaw = async (query) => {
    const result = await queryRaw(query);
    for (const index of charColumnsOf.get(result.rows) ?? []) {
      result.columnTypes[index] = ColumnTypeEnum.Character;
    }
    return result;
  };
  return queryable;
}
