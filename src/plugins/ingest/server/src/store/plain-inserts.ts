import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { chunks, ROWS_PER_STATEMENT } from '../utils/chunks';
import { hasKeys } from '../utils/same-keys';
import { sqliteValue, tableQuery } from '../utils/tables';

/** A row by column name, of values every driver stores as they are (strings, numbers, booleans, dates, null). */
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

/**
 * Inserts rows as they are, in the transaction `trx`, and returns their ids in order when
 * `returnIds` and the database tells them (SQLite and PostgreSQL; MySQL tells only the first id
 * of a multi-row insert: [] there). SQLite runs in this process: one INSERT per row through a
 * statement prepared once per connection costs a few microseconds, where knex writes a
 * multi-row insert as a compound SELECT that SQLite compiles anew for every batch (compiling
 * and building those was a fifth of a cold import). A server database is a round trip away:
 * there, multi-row inserts of ROWS_PER_STATEMENT rows.
 */
export const insertPlainRows = (strapi: Core.Strapi, trx: Knex.Transaction, table: string, rows: PlainRow[], options: { returnIds?: boolean } = {}): Promise<number[]> =>
  insertRowsOf(strapi, trx, table, rows, (row) => row, options);

/**
 * insertPlainRows of `toRow(item)` for each item, each row made just before it is written (on
 * SQLite, one at a time): an article's row holds its body as JSON text, and making a batch's
 * rows first kept them all alive long enough to be copied by the garbage collector.
 */
const insertRowsOf = async <T>(
  strapi: Core.Strapi,
  trx: Knex.Transaction,
  table: string,
  items: T[],
  toRow: (item: T) => PlainRow,
  { returnIds = false }: { returnIds?: boolean } = {}
): Promise<number[]> => {
  if (items.length === 0) return [];
  if (strapi.db.dialect.client === 'sqlite') {
    // A transaction's client hands out the transaction's own connection.
    const connection = (await (trx as unknown as { client: { acquireConnection(): Promise<SqliteConnection> } }).client.acquireConnection()) as SqliteConnection;
    const ids: number[] = [];
    let columns: string[] = [];
    let statement: SqliteStatement | null = null;
    // better-sqlite3 reads the values during run(): one array serves every row of a statement.
    let values: unknown[] = [];
    for (const item of items) {
      const row = toRow(item);
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
  if (strapi.db.dialect.client === 'postgres') return insertOnPostgres(strapi, trx, table, items, toRow, returnIds);
  const ids: number[] = [];
  const returning = returnIds && strapi.db.dialect.useReturning();
  for (const part of chunks(items)) {
    const query = tableQuery(strapi, table, trx).insert(part.map(toRow));
    if (!returning) {
      await query;
      continue;
    }
    const inserted: Array<{ id: number } | number> = await query.returning('id');
    for (const row of inserted) ids.push(Number(typeof row === 'object' ? row.id : row));
  }
  return ids;
};

interface PostgresConnection {
  query(config: { text: string; values: unknown[]; name?: string }): Promise<{ rows: Array<{ id: number | string }> }>;
}

/**
 * Full multi-row inserts on PostgreSQL (ROWS_PER_STATEMENT rows), by table, columns and whether
 * they return ids: they come back batch after batch, so each is prepared once per connection
 * under a name and the server parses its thousands of parameters once (paired cold imports of
 * 10,000: 11 % faster than unnamed). A shorter statement — a batch's last part, of any length —
 * is written when needed, unnamed and not kept.
 */
const fullPostgresInserts = new Map<string, { text: string; name: string }>();

/**
 * Whether statements are still named. A connection pooler in transaction mode (PgBouncer before
 * 1.21) hands each transaction any server connection, where a name prepared on another is
 * unknown (26000) or already taken (42P05): after such an error this process names none, and
 * the batch that met it is written again, one article at a time, as any refused batch is.
 */
let namingStatements = true;
const POOLER_ERRORS = new Set(['26000', '42P05']);

const postgresInsert = (table: string, columns: string[], rows: number, returning: boolean): { text: string; name?: string } => {
  const key = `${table}\u0000${columns.join('\u0000')}\u0000${returning}`;
  const full = rows === ROWS_PER_STATEMENT ? fullPostgresInserts.get(key) : undefined;
  if (full !== undefined) return namingStatements ? full : { text: full.text };
  const tuples: string[] = [];
  for (let row = 0; row < rows; row += 1) tuples.push(`(${columns.map((_, column) => `$${row * columns.length + column + 1}`).join(', ')})`);
  const text = `insert into ${table} (${columns.map(quote).join(', ')}) values ${tuples.join(', ')}${returning ? ' returning "id"' : ''}`;
  if (rows !== ROWS_PER_STATEMENT) return { text };
  const statement = { text, name: `ingest_insert_${fullPostgresInserts.size}` };
  fullPostgresInserts.set(key, statement);
  return namingStatements ? statement : { text };
};

/**
 * insertRowsOf on PostgreSQL: the transaction's own connection, given each multi-row INSERT's
 * text (see postgresInsert) and its values as one flat list — what knex would send (it hands pg its
 * values as they are), without building and compiling a query of thousands of placeholders for
 * every statement (on a cold import of 10,000 that was ~2 s of this process's time, on the
 * thread that also parses the captures).
 */
const insertOnPostgres = async <T>(strapi: Core.Strapi, trx: Knex.Transaction, table: string, items: T[], toRow: (item: T) => PlainRow, returnIds: boolean) => {
  const schema = strapi.db.getSchemaName();
  const qualified = schema ? `${quote(schema)}.${quote(table)}` : quote(table);
  // A transaction's client hands out the transaction's own connection.
  const connection = (await (trx as unknown as { client: { acquireConnection(): Promise<PostgresConnection> } }).client.acquireConnection()) as PostgresConnection;
  const ids: number[] = [];
  for (let start = 0; start < items.length; start += ROWS_PER_STATEMENT) {
    const rows = items.slice(start, start + ROWS_PER_STATEMENT).map(toRow);
    // One statement, one set of columns: rows with other keys go in a statement of their own.
    for (let first = 0; first < rows.length; ) {
      const columns = Object.keys(rows[first]);
      let end = first + 1;
      while (end < rows.length && hasKeys(rows[end], columns)) end += 1;
      const values: unknown[] = [];
      for (let row = first; row < end; row += 1) for (const column of columns) values.push(rows[row][column]);
      const statement = postgresInsert(qualified, columns, end - first, returnIds);
      const result = await connection.query({ ...statement, values }).catch((error: { code?: string }) => {
        if (statement.name !== undefined && POOLER_ERRORS.has(error.code ?? '')) namingStatements = false;
        throw error;
      });
      if (returnIds) for (const row of result.rows) ids.push(Number(row.id));
      first = end;
    }
  }
  return ids;
};

/** New rows' ids, in order, read back by the documentId each carries (in the transaction under way). */
const idsByDocumentId = async (strapi: Core.Strapi, uid: string, data: Array<{ documentId: string }>): Promise<number[]> => {
  const byDocumentId = new Map<string, number>();
  for (const part of chunks(data.map((row) => row.documentId))) {
    const stored: Array<{ id: number; documentId: string }> = await strapi.db.query(uid as never).findMany({
      where: { documentId: { $in: part } },
      select: ['id', 'documentId'],
    });
    for (const row of stored) byDocumentId.set(row.documentId, Number(row.id));
  }
  return data.map((row) => byDocumentId.get(row.documentId)!);
};

/** Stored as JSON text by the Query Engine (its json field's toDB). */
const JSON_TYPES = new Set(['json', 'blocks']);

/** A value every dialect's driver stores as the Query Engine's field would (no conversion needed). */
const isPlainValue = (value: unknown) =>
  value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date;

/**
 * New entries of `uid` (drafts, related links) as the Query Engine's `createMany` stores them:
 * its lifecycles run (timestamps, any subscriber) and each scalar attribute without a value gets
 * its default, one call per row, then the rows go in through insertPlainRows — without
 * createMany's per-row processing, nested transaction and result mapping (a third of a cold
 * import's link writes). Values are the importer's own: plain ones, and JSON attributes (stored
 * as their JSON text, as the Query Engine stores them); anything else is a programming error.
 * Each of `data` gets the values it was stored with: the defaults applied, null where none.
 * Returns the new ids in order (MySQL tells only the first of a multi-row insert: there they are
 * read back by documentId, which every entry carries).
 */
export const insertEntries = async (
  strapi: Core.Strapi,
  trx: Knex.Transaction,
  uid: string,
  data: Array<Record<string, unknown> & { documentId: string }>
): Promise<number[]> => {
  if (data.length === 0) return [];
  const meta = strapi.db.metadata.get(uid as never);
  const params = { data };
  const states = await strapi.db.lifecycles.run('beforeCreateMany', uid as never, { params } as never);
  const scalars = Object.entries(meta.attributes as Record<string, { type: string; default?: unknown; columnName?: string }>).filter(
    ([, attribute]) => attribute.type !== 'relation'
  );
  const toRow = (datum: Record<string, unknown>) => {
    const row: PlainRow = {};
    for (const [name, attribute] of scalars) {
      const fallback = attribute.default;
      let value = datum[name];
      if (value === undefined) {
        value = typeof fallback === 'function' ? fallback() : fallback;
        // The entry as stored, for whoever announces it: its defaults (a link's publishedAt), and null for no value.
        datum[name] = value ?? null;
        if (value === undefined) continue;
      }
      if (value !== null && typeof value === 'object' && !(value instanceof Date) && JSON_TYPES.has(attribute.type)) value = JSON.stringify(value);
      if (!isPlainValue(value)) throw new Error(`${uid}.${name}: a ${typeof value} cannot be inserted as it is`);
      row[attribute.columnName ?? name] = value;
    }
    return row;
  };
  let ids = await insertRowsOf(strapi, trx, meta.tableName, data, toRow, { returnIds: true });
  if (ids.length !== data.length) ids = await idsByDocumentId(strapi, uid, data);
  await strapi.db.lifecycles.run('afterCreateMany', uid as never, { params, result: { count: data.length, ids } } as never, states);
  return ids;
};
