import type { Core } from '@strapi/strapi';
import { ARTICLE_UID, RELATED_LINK_UID, SECTION_UID, SOURCE_UID } from '../constants';
import { fieldsFromStored, type ArticleFields } from '../plan/fields';
import type { CurrentLink } from '../plan/link-changes';
import { isImportState, type ImportState } from '../plan/state';
import { columnOf, tableQuery } from '../utils/tables';
import type { StoredArticle } from './catalog';
import { chunks } from '../utils/chunks';

/** What planning an update needs of a stored article, read with many others at once. */
export interface DraftSnapshot {
  /** The draft's values in the planner's terms (section as its slug, sources by name). */
  current: ArticleFields;
  state: ImportState | null;
  /** The draft's links, with their targets' documentIds. */
  links: CurrentLink[];
  /** Ids of the links the published version shows (never edited in place). */
  live: Set<number>;
  /** The draft's own columns as read (for what a write leaves as it was). */
  row: Record<string, unknown>;
}

interface JoinTable {
  name: string;
  joinColumn: { name: string };
  inverseJoinColumn: { name: string };
  orderColumnName?: string;
}

type Row = Record<string, any>;

const inChunks = async <T>(items: T[], read: (part: T[]) => PromiseLike<Row[]>): Promise<Row[]> => {
  const out: Row[] = [];
  for (const part of chunks(items)) out.push(...(await read(part)));
  return out;
};

const group = <K, V>(entries: Array<[K, V]>) => {
  const map = new Map<K, V[]>();
  for (const [key, value] of entries) map.set(key, [...(map.get(key) ?? []), value]);
  return map;
};

const DRAFT_COLUMNS = ['id', 'title', 'standfirst', 'body', 'publicationDate', 'readingTimeMinutes', 'imageCaption', 'imageCredit', 'byline', 'updatedAt', 'importState'];

/**
 * Reads what planning the updates of many articles needs — their drafts' values, import
 * states, sections, sources, links and the links their published versions show — in a few
 * queries per batch, whatever the number of articles (a Document Service findOne with
 * populate costs several queries per article).
 */
const createDraftSnapshotsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const joinOf = (uid: string, attribute: string) => (strapi.db.metadata.get(uid as never).attributes[attribute] as unknown as { joinTable: JoinTable }).joinTable;
  const table = (name: string) => tableQuery(strapi, name);

  /** Join rows `joinColumn IN ids`, as [owner, target, order] (order 0 without an order column). */
  const joinRows = async (join: JoinTable, ids: number[]) =>
    (
      await inChunks(ids, (part) =>
        table(join.name)
          .select({ owner: join.joinColumn.name, target: join.inverseJoinColumn.name, ...(join.orderColumnName ? { ord: join.orderColumnName } : {}) })
          .whereIn(join.joinColumn.name, part)
      )
    ).map((row) => [Number(row.owner), Number(row.target), Number(row.ord ?? 0)] as const);

  /** Sections or sources by id: the few a batch names, in one query. */
  const namedById = async (uid: typeof SECTION_UID | typeof SOURCE_UID, ids: number[]) => {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map<number, { name: string; slug: string }>();
    const rows = (await strapi.db.query(uid).findMany({ where: { id: { $in: unique } }, select: ['id', 'name', 'slug'] })) as Array<{ id: number; name: string; slug: string }>;
    return new Map(rows.map((row) => [Number(row.id), row]));
  };

  /** The links of the draft rows, and the ids of those each article's published version shows. */
  const linksOf = async (drafts: StoredArticle[]) => {
    const articleJoin = joinOf(RELATED_LINK_UID, 'article');
    const targetJoin = joinOf(RELATED_LINK_UID, 'target');
    const documentIdColumn = columnOf(strapi, ARTICLE_UID, 'documentId');
    const articles = strapi.db.metadata.get(ARTICLE_UID).tableName;

    const published = await inChunks(
      drafts.map((draft) => draft.documentId),
      (part) => table(articles).select({ id: 'id', documentId: documentIdColumn }).whereIn(documentIdColumn, part).whereNotNull(columnOf(strapi, ARTICLE_UID, 'publishedAt'))
    );
    const publishedOf = new Map(published.map((row) => [Number(row.id), row.documentId]));
    const ownerRows = await inChunks([...drafts.map((draft) => draft.id), ...publishedOf.keys()], (part) =>
      table(articleJoin.name).select({ link: articleJoin.joinColumn.name, owner: articleJoin.inverseJoinColumn.name }).whereIn(articleJoin.inverseJoinColumn.name, part)
    );
    const live = group(ownerRows.filter((row) => publishedOf.has(Number(row.owner))).map((row) => [publishedOf.get(Number(row.owner))!, Number(row.link)]));
    const draftIds = new Set(drafts.map((draft) => draft.id));
    const draftLinks = ownerRows.filter((row) => draftIds.has(Number(row.owner)));
    const linkIds = draftLinks.map((row) => Number(row.link));

    const linkColumn = (attribute: string) => columnOf(strapi, RELATED_LINK_UID, attribute);
    const fields = await inChunks(linkIds, (part) =>
      table(strapi.db.metadata.get(RELATED_LINK_UID).tableName)
        .select({ id: 'id', kind: linkColumn('kind'), position: linkColumn('position'), title: linkColumn('title'), publisher: linkColumn('publisher') })
        .whereIn('id', part)
    );
    const targets = await joinRows(targetJoin, linkIds);
    const targetDocuments = new Map(
      (
        await inChunks([...new Set(targets.map(([, article]) => article))], (part) =>
          table(articles).select({ id: 'id', documentId: documentIdColumn }).whereIn('id', part)
        )
      ).map((row): [number, string] => [Number(row.id), row.documentId])
    );
    const targetOf = new Map(targets.map(([link, article]) => [link, targetDocuments.get(article) ?? null]));
    const byId = new Map(fields.map((row) => [Number(row.id), row]));
    const links = group(
      draftLinks.map((row): [number, CurrentLink] => {
        const link = byId.get(Number(row.link))!;
        return [Number(row.owner), { id: Number(link.id), kind: link.kind, position: Number(link.position), title: link.title, publisher: link.publisher ?? '', target: targetOf.get(Number(link.id)) ?? null }];
      })
    );
    return { links, live };
  };

  return {
    async load(drafts: StoredArticle[]): Promise<Map<number, DraftSnapshot>> {
      const ids = drafts.map((draft) => draft.id);
      const rows = await inChunks(ids, (part) =>
        strapi.db.query(ARTICLE_UID).findMany({ where: { id: { $in: part } }, select: DRAFT_COLUMNS }) as Promise<Row[]>
      );
      const sectionRows = await joinRows(joinOf(ARTICLE_UID, 'section'), ids);
      const sourceRows = await joinRows(joinOf(ARTICLE_UID, 'sources'), ids);
      const sections = await namedById(SECTION_UID, sectionRows.map(([, section]) => section));
      const sources = await namedById(SOURCE_UID, sourceRows.map(([, source]) => source));
      const sectionOf = new Map(sectionRows.map(([article, section]) => [article, sections.get(section) ?? null]));
      const sourcesOf = group(sourceRows.map(([article, source, ord]) => [article, [ord, sources.get(source)] as const]));
      const { links, live } = await linksOf(drafts);

      const snapshots = new Map<number, DraftSnapshot>();
      const documentIdOf = new Map(drafts.map((draft) => [draft.id, draft.documentId]));
      for (const row of rows) {
        const id = Number(row.id);
        const state = isImportState(row.importState) ? row.importState : null;
        snapshots.set(id, {
          row,
          state,
          // The draft as the Document Service would return it populated: the field table reads it.
          current: fieldsFromStored({
            ...row,
            section: sectionOf.get(id) ?? null,
            sources: (sourcesOf.get(id) ?? []).sort((a, b) => a[0] - b[0]).flatMap(([, source]) => (source ? [source] : [])),
            relatedLinks: links.get(id) ?? [],
          }),
          links: links.get(id) ?? [],
          live: new Set(live.get(documentIdOf.get(id)!) ?? []),
        });
      }
      return snapshots;
    },
  };
};

export type DraftSnapshotsService = ReturnType<typeof createDraftSnapshotsService>;
export default createDraftSnapshotsService;
