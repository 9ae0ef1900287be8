import type { ArticleFields } from './fields';

/** Strapi's `string` fields are VARCHAR(255) on PostgreSQL and MySQL. */
export const STRING_MAX = 255;

const tooLong = (what: string, value: string | null) =>
  value !== null && value.length > STRING_MAX ? `${what} is ${value.length} characters long, above the limit of ${STRING_MAX}` : null;

/**
 * Why these fields cannot be stored as they are, or null. Checked before writing so that
 * every database refuses the same captures, with a reason a person can act on.
 */
export const checkFieldLimits = (fields: ArticleFields): string | null =>
  tooLong('the headline', fields.title) ??
  tooLong('the image credit', fields.imageCredit) ??
  tooLong('the byline', fields.byline) ??
  tooLong('the section label', fields.section) ??
  fields.sources.map((name) => tooLong(`the source "${name.slice(0, 40)}…"`, name)).find(Boolean) ??
  fields.relatedLinks
    .map((link) => tooLong(`the ${link.kind} link at position ${link.position}`, link.title) ?? tooLong('a link publisher', link.publisher))
    .find(Boolean) ??
  null;
