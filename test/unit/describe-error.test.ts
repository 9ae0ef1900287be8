import { describe, expect, it } from 'vitest';
import { describeError } from '../../src/plugins/ingest/server/src/utils/db-error';

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
