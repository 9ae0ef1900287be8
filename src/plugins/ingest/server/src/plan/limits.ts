/** Strapi's `string` fields are VARCHAR(255) on PostgreSQL and MySQL. */
export const STRING_MAX = 255;

/** Why `value` cannot be stored in a string column, or null. */
export const tooLong = (what: string, value: string | null) =>
  value !== null && value.length > STRING_MAX ? `${what} is ${value.length} characters long, above the limit of ${STRING_MAX}` : null;
