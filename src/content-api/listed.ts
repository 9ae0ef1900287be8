import type { Core } from '@strapi/strapi';
import { SECTION_UID, SOURCE_UID } from '../utils/public-permissions';

/** Types the public sees only when a published article uses them. */
export const LISTED_BY_ARTICLES: readonly string[] = [SECTION_UID, SOURCE_UID];

/**
 * documentIds of the sections (or sources) a published article uses. One query with one join;
 * the public query then filters on this list instead of joining articles a second time (two
 * joins of the same to-many relation multiply each other's rows).
 */
export const listedDocumentIds = async (strapi: Core.Strapi, uid: string): Promise<string[]> => {
  const rows: Array<{ documentId: string }> = await strapi.db.query(uid as never).findMany({
    where: { articles: { publishedAt: { $notNull: true } } },
    select: ['documentId'],
  });
  return [...new Set(rows.map((row) => row.documentId))];
};
