import type { Core } from '@strapi/strapi';
import { ARTICLE_UID } from '../constants';
import { fieldsFromStored, storedPopulate, type ArticleFields } from '../plan/fields';
import { isImportState, type ImportState } from '../plan/state';

/** An article's draft as the conflicts panel reads it: its fields in the planner's terms and its import state. */
export interface DraftWithState {
  id: number;
  documentId: string;
  externalId: string;
  title: string;
  updatedAt: number;
  state: ImportState | null;
  /** Relations by the planner's keys: the section's slug, the sources' names. */
  fields: ArticleFields;
  /** The section's name, for people (fields.section is its slug). */
  sectionName: string | null;
}

const PAGE = 200;

const toDraft = (row: Record<string, any>): DraftWithState => {
  const state = typeof row.importState === 'string' ? JSON.parse(row.importState) : row.importState;
  return {
    id: row.id,
    documentId: row.documentId,
    externalId: row.externalId,
    title: row.title,
    updatedAt: new Date(row.updatedAt).getTime(),
    state: isImportState(state) ? state : null,
    fields: fieldsFromStored(row),
    sectionName: row.section?.name ?? null,
  };
};

/**
 * Drafts with their import state (a private field, which the Query Engine reads and the content
 * API never serves), by documentId or by row id, a page of them per query.
 */
export const loadDrafts = async (strapi: Core.Strapi, by: { documentIds: string[] } | { ids: number[] }): Promise<DraftWithState[]> => {
  const keys: Array<string | number> = 'ids' in by ? by.ids : by.documentIds;
  const populate = storedPopulate();
  const drafts: DraftWithState[] = [];
  for (let start = 0; start < keys.length; start += PAGE) {
    const page = keys.slice(start, start + PAGE);
    const rows = await strapi.db.query(ARTICLE_UID).findMany({
      where: { publishedAt: null, ...('ids' in by ? { id: { $in: page } } : { documentId: { $in: page } }) },
      // Query Engine spelling (`select`) of the field table's populate, and the section's name for people.
      populate: Object.fromEntries(
        Object.entries(populate).map(([relation, { fields }]) => [relation, { select: relation === 'section' ? [...fields, 'name'] : fields }])
      ),
    });
    drafts.push(...(rows as Array<Record<string, any>>).map(toDraft));
  }
  return drafts;
};
