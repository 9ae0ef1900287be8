import type { Core } from '@strapi/strapi';

/** One statement shape an import ran: its SQL, how often, and how the database runs it. */
export interface StatementPlan {
  sql: string;
  runs: number;
  plan: string[];
  /** Plan lines that read a whole table or a whole index (SQLite SCAN, PostgreSQL Seq Scan). */
  scans: string[];
}

/**
 * Records every statement run while `work` runs (knex's `query` event, transactions
 * included), then asks the database how it runs each distinct one: SQLite's EXPLAIN QUERY
 * PLAN, PostgreSQL's EXPLAIN with sequential scans discouraged (on small test tables the
 * planner prefers them even where an index serves; with them off, a Seq Scan left means no
 * index can). MySQL: EXPLAIN, a full read (type ALL) with no usable index. Nothing is
 * executed by the EXPLAINs.
 */
export const recordQueryPlans = async (strapi: Core.Strapi, work: () => Promise<unknown>): Promise<StatementPlan[]> => {
  const knex = strapi.db.connection;
  const seen = new Map<string, { bindings: unknown[]; runs: number }>();
  const listener = (query: { sql: string; bindings?: unknown[] }) => {
    const entry = seen.get(query.sql);
    if (entry) entry.runs += 1;
    else seen.set(query.sql, { bindings: query.bindings ?? [], runs: 1 });
  };
  knex.on('query', listener);
  try {
    await work();
  } finally {
    knex.off('query', listener);
  }

  const client = strapi.db.dialect.client;
  const plans: StatementPlan[] = [];
  for (const [sql, { bindings, runs }] of seen) {
    if (!/^\s*(select|insert|update|delete|with)\b/i.test(sql) || /^\s*insert\b[^;]*\bvalues\b/i.test(sql) && !/\bselect\b/i.test(sql)) {
      // A plain INSERT … VALUES finds no rows: nothing to plan.
      continue;
    }
    plans.push({ sql, runs, ...(await explain(knex, client, sql, bindings)) });
  }
  return plans;
};

const explain = async (knex: Core.Strapi['db']['connection'], client: string, sql: string, bindings: unknown[]) => {
  if (client === 'sqlite') {
    const rows = (await knex.raw(`EXPLAIN QUERY PLAN ${sql}`, bindings as never[])) as Array<{ detail: string }>;
    const plan = rows.map((row) => row.detail);
    return { plan, scans: plan.filter((line) => /^SCAN /.test(line) && !/^SCAN CONSTANT ROW/.test(line)) };
  }
  if (client === 'postgres') {
    const positional = sql.replace(/\$\d+/g, '?');
    const plan = await knex.transaction(async (trx) => {
      await trx.raw('SET LOCAL enable_seqscan = off');
      const result = await trx.raw(`EXPLAIN ${positional}`, bindings as never[]);
      return (result.rows as Array<{ 'QUERY PLAN': string }>).map((row) => row['QUERY PLAN']);
    });
    return { plan, scans: plan.filter((line) => /Seq Scan/.test(line)) };
  }
  // MySQL reads a small table whole even where an index serves: a full read counts only when no index could.
  const [rows] = await knex.raw(`EXPLAIN ${sql}`, bindings as never[]);
  const explained = rows as Array<Record<string, unknown>>;
  const line = (row: Record<string, unknown>) => `${row.table} type=${row.type} possible_keys=${row.possible_keys ?? 'none'} key=${row.key ?? 'none'} ${row.Extra ?? ''}`;
  return { plan: explained.map(line), scans: explained.filter((row) => row.type === 'ALL' && row.possible_keys == null).map(line) };
};

/** The plans as text, statements that scan first. */
export const formatPlans = (plans: StatementPlan[]) =>
  [...plans]
    .sort((a, b) => b.scans.length - a.scans.length || b.runs - a.runs)
    .map((entry) => `${entry.scans.length > 0 ? 'SCAN' : 'ok  '} ×${entry.runs}  ${entry.sql}\n${entry.plan.map((line) => `        ${line}`).join('\n')}`)
    .join('\n');
