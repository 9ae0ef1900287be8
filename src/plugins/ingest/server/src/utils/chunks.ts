/**
 * Rows per INSERT or per IN (…) list: below every dialect's limit on bound values, and below
 * SQLite's 500 terms of a compound SELECT (knex writes a multi-row INSERT there as
 * `SELECT … UNION ALL SELECT …`: 1,000 rows failed).
 */
export const ROWS_PER_STATEMENT = 400;

/** `items` in consecutive parts of at most `size`. */
export const chunks = <T>(items: T[], size = ROWS_PER_STATEMENT): T[][] => {
  const out: T[][] = [];
  for (let index = 0; index < items.length; index += size) out.push(items.slice(index, index + size));
  return out;
};
