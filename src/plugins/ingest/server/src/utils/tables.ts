import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

/**
 * Plain knex on Strapi's tables, for the few bulk reads and writes the Query Engine does badly.
 * Table and column names come from the database metadata, never spelled by hand.
 */

/** An attribute's column name. */
export const columnOf = (strapi: Core.Strapi, uid: string, attribute: string): string =>
  (strapi.db.metadata.get(uid as never).attributes[attribute] as { columnName?: string }).columnName ?? attribute;

/** A query on `name`, in the configured schema (PostgreSQL), inside `trx` when given. */
export const tableQuery = (strapi: Core.Strapi, name: string, trx?: Knex | Knex.Transaction): Knex.QueryBuilder => {
  const schema = strapi.db.getSchemaName();
  const base = trx ?? strapi.db.connection;
  return schema ? base(name).withSchema(schema) : base(name);
};

/** As knex's better-sqlite3 client binds them: a date as its milliseconds, a boolean as 0 or 1. */
export const sqliteValue = (value: unknown) => (value instanceof Date ? value.valueOf() : typeof value === 'boolean' ? Number(value) : value);

interface SqliteReader {
  prepare(sql: string): { iterate(...bindings: unknown[]): IterableIterator<unknown> };
}

/**
 * Calls `onRow` with each row of `query`, as the driver answers it. On SQLite the statement is
 * stepped a row at a time (better-sqlite3's `iterate`), where knex's `all` builds every row
 * first: at 100,000 rows that took half again as long, most of it in the garbage collector.
 */
export const forEachRow = async <Row>(strapi: Core.Strapi, query: Knex.QueryBuilder, onRow: (row: Row) => void): Promise<void> => {
  if (strapi.db.dialect.client !== 'sqlite') {
    for (const row of (await query) as Row[]) onRow(row);
    return;
  }
  const { sql, bindings } = query.toSQL().toNative();
  const { client } = strapi.db.connection as unknown as { client: { acquireConnection(): Promise<SqliteReader>; releaseConnection(connection: SqliteReader): Promise<void> } };
  const connection = await client.acquireConnection();
  try {
    for (const row of connection.prepare(sql).iterate(...bindings.map(sqliteValue))) onRow(row as Row);
  } finally {
    await client.releaseConnection(connection);
  }
};

/**
 * Has PostgreSQL sample the statistics of those of these tables that changed much since it last
 * did (`ANALYZE`): its planner chooses by them, and until autovacuum gets to a table that grew
 * from nothing in one import it plans for the empty table (whole-table scans for a few hundred
 * keys: 9 ms a statement instead of 0.6 ms on 100,000 link rows). Asked of the server's own
 * counts (as autovacuum's rule, a tenth of the table changed and more than 1,000 rows), so a
 * run that added a few rows to a large archive costs one read, not a sample of each table.
 * Other databases keep their own (InnoDB after a tenth of a table changed) or plan these
 * statements without.
 */
export const refreshStatistics = async (strapi: Core.Strapi, tableNames: string[]): Promise<void> => {
  if (strapi.db.dialect.client !== 'postgres') return;
  const schema = strapi.db.getSchemaName();
  const { rows }: { rows: Array<{ name: string }> } = await strapi.db.connection.raw(
    `select relname as name from pg_stat_user_tables
      where schemaname = coalesce(?, current_schema()) and relname in (${tableNames.map(() => '?').join(', ')})
        and n_mod_since_analyze > 1000 and n_mod_since_analyze > n_live_tup / 10`,
    [schema || null, ...tableNames]
  );
  if (rows.length === 0) return;
  const names = rows.map((row) => (schema ? `${schema}.${row.name}` : row.name));
  await strapi.db.connection.raw(`analyze ${names.map(() => '??').join(', ')}`, names);
};
