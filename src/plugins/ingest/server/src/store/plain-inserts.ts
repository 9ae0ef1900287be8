import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { chunks } from '../utils/chunks';
import { hasKeys } from '../utils/same-keys';
import { tableQuery } from '../utils/tables';

/** A row by column name, of values every driver stores as they are (strings, numbers, dates, null). */
export type PlainRow = Record<string, unknown>;

interface SqliteStatement {
  run(values: unknown[]): { lastInsertRowid: number | bigint };
}
interface SqliteConnection {
  prepare(sql: string): SqliteStatement;
}

/** Statements prepared on each SQLite connection, by their SQL. */
const prepared = new WeakMap<SqliteConnection, Map<string, SqliteStatement>>();

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

const statementOn = (connection: SqliteConnection, table: string, columns: string[]): SqliteStatement => {
  let statements = prepared.get(connection);
  if (!statements) {
    statements = new Map();
    prepared.set(connection, statements);
  }
  const key = `${table}\u0000${columns.join('\u0000')}`;
  let statement = statements.get(key);
  if (!statement) {
    statement = connection.prepare(`insert into ${quote(table)} (${columns.map(quote).join(', ')}) values (${columns.map(() => '?').join(', ')})`);
    statements.set(key, statement);
  }
  return statement;
};

/** As knex's better-sqlite3 client binds them: a date as its milliseconds, a boolean as 0 or 1. */
const sqliteValue = (value: unknown) => (value instanceof Date ? value.valueOf() : typeof value === 'boolean' ? Number(value) : value);

/**
 * Inserts rows as they are, in the transaction `trx`, and returns their ids in order when
 * `returnIds` and the database tells them (SQLite and PostgreSQL; MySQL tells only the first id
 * of a multi-row insert: [] there). SQLite runs in this process: one INSERT per row through a
 * statement prepared once per connection costs a few microseconds, where knex writes a
 * multi-row insert as a compound SELECT that SQLite compiles anew for every batch (compiling
 * and building those was a fifth of a cold import). A server database is a round trip away:
 * there, multi-row inserts of ROWS_PER_STATEMENT rows.
 */
export const insertPlainRows = async (
  strapi: Core.Strapi,
  trx: Knex.Transaction,
  table: string,
  rows: PlainRow[],
  { returnIds = false }: { returnIds?: boolean } = {}
): Promise<number[]> => {
  if (rows.length === 0) return [];
  if (strapi.db.dialect.client === 'sqlite') {
    // A transaction's client hands out the transaction's own connection.
    const connection = (await (trx as unknown as { client: { acquireConnection(): Promise<SqliteConnection> } }).client.acquireConnection()) as SqliteConnection;
    const ids: number[] = [];
    let columns: string[] = [];
    let statement: SqliteStatement | null = null;
    // better-sqlite3 reads the values during run(): one array serves every row of a statement.
    let values: unknown[] = [];
    for (const row of rows) {
      if (statement === null || !hasKeys(row, columns)) {
        columns = Object.keys(row);
        statement = statementOn(connection, table, columns);
        values = new Array(columns.length);
      }
      for (let index = 0; index < columns.length; index += 1) values[index] = sqliteValue(row[columns[index]]);
      ids.push(Number(statement.run(values).lastInsertRowid));
    }
    return returnIds ? ids : [];
  }
  const ids: number[] = [];
  const returning = returnIds && strapi.db.dialect.useReturning();
  for (const part of chunks(rows)) {
    const query = tableQuery(strapi, table, trx).insert(part);
    if (!returning) {
      await query;
      continue;
    }
    const inserted: Array<{ id: number } | number> = await query.returning('id');
    for (const row of inserted) ids.push(Number(typeof row === 'object' ? row.id : row));
  }
  return ids;
};
