import type { Core } from '@strapi/strapi';
import { ARTICLE_UID } from '../constants';
import { fromBlocks, type ArticleFields } from '../plan/fields';
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
    sectionName: row.section?.name ?? null,
    fields: {
      title: row.title,
      standfirst: row.standfirst,
      body: fromBlocks(row.body),
      publicationDate: row.publicationDate,
      readingTimeMinutes: row.readingTimeMinutes,
      imageCaption: row.imageCaption,
      imageCredit: row.imageCredit,
      byline: row.byline,
      section: row.section?.slug ?? null,
      sources: (row.sources ?? []).map((source: { name: string }) => source.name),
      relatedLinks: (row.relatedLinks ?? []).map((link: Record<string, any>) => ({
        kind: link.kind,
        position: link.position,
        title: link.title,
        publisher: link.publisher ?? '',
      })),
    },
  };
};

/**
 * Drafts with their import state (a private field, which the Query Engine reads and the content
 * API never serves), by documentId or by row id, a page of them per query.
 */
export const loadDrafts = async (strapi: Core.Strapi, by: { documentIds?: string[]; ids?: number[] }): Promise<DraftWithState[]> => {
  const keys: Array<string | number> = by.documentIds ?? by.ids ?? [];
  const drafts: DraftWithState[] = [];
  for (let start = 0; start < keys.length; start += PAGE) {
    const page = keys.slice(start, start + PAGE);
    const rows = await strapi.db.query(ARTICLE_UID).findMany({
      where: { publishedAt: null, ...(by.documentIds ? { documentId: { $in: page } } : { id: { $in: page } }) },
      populate: {
        section: { select: ['name', 'slug'] },
        sources: { select: ['name'] },
        relatedLinks: { select: ['kind', 'position', 'title', 'publisher'] },
      },
    });
    drafts.push(...(rows as Array<Record<string, any>>).map(toDraft));
  }
  return drafts;
};
