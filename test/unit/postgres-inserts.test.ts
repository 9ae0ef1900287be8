import { describe, expect, it } from 'vitest';
import { insertPlainRows } from '../../src/plugins/ingest/server/src/store/plain-inserts';
import { ROWS_PER_STATEMENT } from '../../src/plugins/ingest/server/src/utils/chunks';

/**
 * The PostgreSQL path of insertPlainRows, against a recording stand-in for pg's connection (the
 * rows it stores are compared with the Document Service's on a real PostgreSQL by
 * test/integration/article-rows.test.ts under TEST_DATABASE=postgres).
 */
type Sent = { text: string; values: unknown[]; name?: string };

const postgresAt = (answer: (sent: Sent) => Promise<{ rows: Array<{ id: number }> }>) => {
  const sent: Sent[] = [];
  const connection = {
    query: (config: Sent) => {
      sent.push(config);
      return answer(config);
    },
  };
  const strapi = { db: { dialect: { client: 'postgres' }, getSchemaName: () => 'public' } } as never;
  const trx = { client: { acquireConnection: async () => connection } } as never;
  return { sent, strapi, trx };
};

const rowsOf = (count: number) => Array.from({ length: count }, (_, index) => ({ article_id: index + 1, related_link_id: 1000 + index }));
const idsFor = (sent: Sent) => ({ rows: Array.from({ length: sent.values.length / 2 }, (_, index) => ({ id: index + 1 })) });

describe('inserts on PostgreSQL', () => {
  it('sends multi-row INSERTs of ROWS_PER_STATEMENT rows with their values flat, and returns the ids in order', async () => {
    const { sent, strapi, trx } = postgresAt(async (config) => idsFor(config));
    const ids = await insertPlainRows(strapi, trx, 'links_lnk', rowsOf(ROWS_PER_STATEMENT + 3), { returnIds: true });
    expect(sent).toHaveLength(2);
    expect(sent[0].text.startsWith('insert into "public"."links_lnk" ("article_id", "related_link_id") values ($1, $2), ($3, $4)')).toBe(true);
    expect(sent[0].text.endsWith(`($${2 * ROWS_PER_STATEMENT - 1}, $${2 * ROWS_PER_STATEMENT}) returning "id"`)).toBe(true);
    expect(sent[0].values.slice(0, 4)).toEqual([1, 1000, 2, 1001]);
    // The full statement is named (prepared once per connection); the short last part is not.
    expect(sent[0].name).toMatch(/^ingest_insert_\d+$/);
    expect(sent[1].name).toBeUndefined();
    expect(sent[1].values).toEqual([401, 1400, 402, 1401, 403, 1402]);
    expect(ids).toHaveLength(ROWS_PER_STATEMENT + 3);
  });

  it('keeps naming statements after any other error', async () => {
    const { sent, strapi, trx } = postgresAt(async () => {
      throw Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' });
    });
    await expect(insertPlainRows(strapi, trx, 'third_lnk', rowsOf(ROWS_PER_STATEMENT))).rejects.toThrow(/duplicate key/);
    expect(sent[0].name).toMatch(/^ingest_insert_/);
  });

  // Last: it turns naming off for the rest of this module's life.
  it('stops naming statements after a pooler lost one (26000), and lets the write fail so that it is made again', async () => {
    const { sent, strapi, trx } = postgresAt(async (config) => {
      if (config.name) throw Object.assign(new Error(`prepared statement "${config.name}" does not exist`), { code: '26000' });
      return idsFor(config);
    });
    await expect(insertPlainRows(strapi, trx, 'other_lnk', rowsOf(ROWS_PER_STATEMENT))).rejects.toThrow(/does not exist/);
    await insertPlainRows(strapi, trx, 'other_lnk', rowsOf(ROWS_PER_STATEMENT));
    await insertPlainRows(strapi, trx, 'links_lnk', rowsOf(ROWS_PER_STATEMENT));
    expect(sent.map((config) => config.name)).toEqual([expect.stringMatching(/^ingest_insert_/), undefined, undefined]);
    expect(sent[1].text).toBe(sent[0].text);
  });
});
