import { describe, expect, it } from 'vitest';
import { describeError, isDeadlock, retryOnDeadlock } from '../../src/plugins/ingest/server/src/utils/db-error';

const body = 'A paragraph - with dashes - repeated. '.repeat(2000);

/** An error as knex leaves it: the statement with its bindings, ' - ', then the driver's message. */
const knexError = (driverMessage: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(`insert into \`articles\` (\`body\`, \`title\`) values ('${body}', 'T') - ${driverMessage}`), extra);

describe('describeError', () => {
  it("gives SQLite's reason without the statement or the body", () => {
    expect(describeError(knexError('UNIQUE constraint failed: articles.slug'))).toBe('UNIQUE constraint failed: articles.slug');
  });

  it("gives PostgreSQL's reason with its detail line", () => {
    const error = knexError('duplicate key value violates unique constraint "articles_slug_unique"', { detail: 'Key (slug)=(x) already exists.', severity: 'ERROR' });
    expect(describeError(error)).toBe('duplicate key value violates unique constraint "articles_slug_unique" (Key (slug)=(x) already exists.)');
  });

  it("gives MariaDB's own message", () => {
    const error = knexError("Duplicate entry 'x' for key 'articles_slug_unique'", { sqlMessage: "Duplicate entry 'x' for key 'articles_slug_unique'" });
    expect(describeError(error)).toBe("Duplicate entry 'x' for key 'articles_slug_unique'");
  });

  it('keeps other errors to their first line, and a long one to 300 characters', () => {
    expect(describeError(new Error('first line\nsecond line'))).toBe('first line');
    expect(describeError(new Error('y'.repeat(5000)))).toHaveLength(300);
    expect(describeError('plain string')).toBe('plain string');
  });
});

describe('retryOnDeadlock', () => {
  const deadlock = () => Object.assign(new Error('Deadlock found when trying to get lock; try restarting transaction'), { code: 'ER_LOCK_DEADLOCK', errno: 1213 });

  it('runs a write again when the database chose it as a deadlock victim', async () => {
    let calls = 0;
    const result = await retryOnDeadlock(async () => {
      calls += 1;
      if (calls < 3) throw deadlock();
      return 'written';
    });
    expect(result).toBe('written');
    expect(calls).toBe(3);
  });

  it('gives up after its attempts, and never retries another error', async () => {
    let calls = 0;
    await expect(retryOnDeadlock(async () => { calls += 1; throw deadlock(); }, 2)).rejects.toThrow('Deadlock');
    expect(calls).toBe(2);
    calls = 0;
    await expect(retryOnDeadlock(async () => { calls += 1; throw Object.assign(new Error('duplicate'), { code: 'ER_DUP_ENTRY' }); })).rejects.toThrow('duplicate');
    expect(calls).toBe(1);
    expect(isDeadlock(Object.assign(new Error('x'), { code: '40P01' }))).toBe(true);
  });
});
