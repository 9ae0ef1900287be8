import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { ARTICLE_UID, RELATED_LINK_UID } from '../constants';
import { newDocumentId } from '../utils/document-id';
import { chunks } from '../utils/chunks';
import { columnOf, tableQuery } from '../utils/tables';
import { insertEntries, insertPlainRows } from './plain-inserts';

/** A related link as the importer writes it; `target` is the target article's documentId. */
export interface LinkRow {
  kind: string;
  position: number;
  title: string;
  publisher: string;
  target: string | null;
}

interface JoinTable {
  name: string;
  joinColumn: { name: string };
  inverseJoinColumn: { name: string };
  inverseOrderColumnName?: string;
}

/**
 * Related links written in bulk, stored exactly as the Document Service stores them, but with
 * a handful of queries per article instead of several per link.
 *
 * A RelatedLink has no Draft & Publish and Article has. Its `target` is connected to every
 * version of the target article, draft and published, as the Document Service does (core
 * `transform/relations/utils/dp`). Its `article` is the draft only, as the Document Service
 * does when told `status: 'draft'`: the published version shows a card only once an editor
 * publishes. The `article` relation's join row carries the link's place in the article's
 * `relatedLinks` (1, 2, 3…, after the last one already there). Links get a documentId shaped as Strapi's (utils/document-id) and a
 * `publishedAt` from the model's default, as `createMany` applies them. Table and column names
 * come from the database metadata, never spelled here.
 */
const createLinkRowsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const linkMeta = () => strapi.db.metadata.get(RELATED_LINK_UID);
  const joinTable = (attribute: 'article' | 'target') =>
    (linkMeta().attributes[attribute] as unknown as { joinTable: JoinTable }).joinTable;
  const table = (trx: Knex.Transaction, name: string) => tableQuery(strapi, name, trx);

  /** documentId -> ids of its rows (draft and published versions). */
  const articleRowIds = async (trx: Knex.Transaction, documentIds: string[]) => {
    const meta = strapi.db.metadata.get(ARTICLE_UID);
    const documentIdColumn = columnOf(strapi, ARTICLE_UID, 'documentId');
    const ids = new Map<string, number[]>();
    for (const part of chunks([...new Set(documentIds)])) {
      const rows: Array<{ id: number; documentId: string }> = await table(trx, meta.tableName)
        .select({ id: 'id', documentId: documentIdColumn })
        .whereIn(documentIdColumn, part)
        .orderBy('id');
      for (const row of rows) ids.set(row.documentId, [...(ids.get(row.documentId) ?? []), Number(row.id)]);
    }
    return ids;
  };

  const insertTargetRows = async (trx: Knex.Transaction, links: Array<{ id: number; target: string | null }>) => {
    const withTarget = links.filter((link) => link.target !== null);
    if (withTarget.length === 0) return;
    const join = joinTable('target');
    const versions = await articleRowIds(trx, withTarget.map((link) => link.target!));
    const rows = withTarget.flatMap((link) =>
      (versions.get(link.target!) ?? []).map((articleId) => ({ [join.joinColumn.name]: link.id, [join.inverseJoinColumn.name]: articleId }))
    );
    await insertPlainRows(strapi, trx, join.name, rows);
  };

  /** The largest value of `orderColumn` in a join table for each of `ids` in `column` (absent: none yet). */
  const lastOrdOf = async (trx: Knex.Transaction, tableName: string, column: string, orderColumn: string, ids: number[]) => {
    const last = new Map<number, number>();
    for (const part of chunks(ids)) {
      const rows: Array<{ id: number; ord: number | null }> = await table(trx, tableName)
        .select({ id: column })
        .max({ ord: orderColumn })
        .whereIn(column, part)
        .groupBy(column);
      for (const row of rows) last.set(Number(row.id), Number(row.ord ?? 0));
    }
    return last;
  };

  return {
    /** The tables the links are stored in: the links', their join tables', and the articles'. */
    tableNames: () => [linkMeta().tableName, joinTable('article').name, joinTable('target').name, strapi.db.metadata.get(ARTICLE_UID).tableName],

    /**
     * Creates each entry's `links` on its draft row, after the links that draft already has
     * (a new draft has none): one insert of all the links, one of their article rows, one of
     * their target rows, whatever the number of drafts. Returns the new links' values with their
     * ids (to announce them without reading them back).
     */
    async insertLinks(trx: Knex.Transaction, entries: Array<{ draftId: number; links: LinkRow[]; isNewDraft: boolean }>): Promise<Array<Record<string, unknown> & { id: number }>> {
      const withLinks = entries.filter((entry) => entry.links.length > 0);
      if (withLinks.length === 0) return [];
      const data = withLinks.flatMap((entry) =>
        entry.links.map(({ kind, position, title, publisher }) => ({ documentId: newDocumentId(), kind, position, title, publisher }))
      );
      const ids = await insertEntries(strapi, trx, RELATED_LINK_UID, data);

      const join = joinTable('article');
      const orderColumn = join.inverseOrderColumnName!;
      const older = withLinks.filter((entry) => !entry.isNewDraft).map((entry) => entry.draftId);
      const lastOrd = await lastOrdOf(trx, join.name, join.inverseJoinColumn.name, orderColumn, older);

      const rows: Array<Record<string, number>> = [];
      const created: Array<{ id: number; target: string | null }> = [];
      let index = 0;
      for (const { draftId, links } of withLinks) {
        let ord = lastOrd.get(draftId) ?? 0;
        for (const link of links) {
          const id = ids[index];
          index += 1;
          ord += 1;
          rows.push({ [join.joinColumn.name]: id, [join.inverseJoinColumn.name]: draftId, [orderColumn]: ord });
          created.push({ id, target: link.target });
        }
      }
      await insertPlainRows(strapi, trx, join.name, rows);
      await insertTargetRows(trx, created);
      // The beforeCreateMany lifecycle gave each of `data` its timestamps; they are this call's own objects.
      for (let position = 0; position < data.length; position += 1) (data[position] as Record<string, unknown>).id = ids[position];
      return data as unknown as Array<Record<string, unknown> & { id: number }>;
    },

    /**
     * Join rows of rows created in this transaction to their targets, as the Query Engine
     * writes them: each owner's order column 1, 2, 3… in the given order, and the inverse order
     * column one after the last on each target (a new row comes last in its lists, in the
     * order of `owners`). `lastOrd` remembers, across one import run, each target's last
     * inverse order value, so that it is read once per target rather than once per article
     * (the run holds the import lock; a value an editor's save takes meanwhile at worst ties
     * two positions).
     */
    async attachToNew(
      trx: Knex.Transaction,
      uid: typeof ARTICLE_UID,
      attribute: string,
      owners: Array<{ ownerId: number; targetIds: number[] }>,
      lastOrd: Map<number, number> = new Map()
    ) {
      if (owners.every((owner) => owner.targetIds.length === 0)) return;
      const join = (strapi.db.metadata.get(uid).attributes[attribute] as unknown as { joinTable: JoinTable & { orderColumnName?: string } }).joinTable;
      const inverseOrder = join.inverseOrderColumnName;
      const unknown = [...new Set(owners.flatMap((owner) => owner.targetIds))].filter((targetId) => !lastOrd.has(targetId));
      if (inverseOrder) {
        const last = await lastOrdOf(trx, join.name, join.inverseJoinColumn.name, inverseOrder, unknown);
        for (const targetId of unknown) lastOrd.set(targetId, last.get(targetId) ?? 0);
      }
      const rows = owners.flatMap(({ ownerId, targetIds }) =>
        targetIds.map((targetId, index) => {
          const ord = (lastOrd.get(targetId) ?? 0) + 1;
          if (inverseOrder) lastOrd.set(targetId, ord);
          return {
            [join.joinColumn.name]: ownerId,
            [join.inverseJoinColumn.name]: targetId,
            ...(join.orderColumnName ? { [join.orderColumnName]: index + 1 } : {}),
            ...(inverseOrder ? { [inverseOrder]: ord } : {}),
          };
        })
      );
      await insertPlainRows(strapi, trx, join.name, rows);
    },

    /**
     * A page of the links after the link `after` in id order — up to `limit` of them, ending at
     * `last` (null: none left) — and of those, the ones with no target, with their titles. Two
     * statements, each a range of one index: the links by primary key, then the target rows of
     * that range of link ids. (The Query Engine's filter on an empty relation joined and sorted
     * every link for each page; a NOT EXISTS left PostgreSQL to pick a join that also read every
     * target row, a cost that grows with the archive: 4 s of a cold import of 10,000 there.)
     */
    async linksWithoutTarget(after: number, limit: number): Promise<{ links: Array<{ id: number; title: string }>; last: number | null }> {
      const join = joinTable('target');
      const page: Array<{ id: number; title: string }> = await tableQuery(strapi, linkMeta().tableName)
        .select({ id: 'id', title: columnOf(strapi, RELATED_LINK_UID, 'title') })
        .where('id', '>', after)
        .orderBy('id')
        .limit(limit);
      if (page.length === 0) return { links: [], last: null };
      const last = Number(page[page.length - 1].id);
      const targeted = new Set<number>();
      const rows: Array<{ link: number }> = await tableQuery(strapi, join.name)
        .select({ link: join.joinColumn.name })
        .where(join.joinColumn.name, '>', after)
        .andWhere(join.joinColumn.name, '<=', last);
      for (const row of rows) targeted.add(Number(row.link));
      const links = page.map((link) => ({ id: Number(link.id), title: link.title })).filter((link) => !targeted.has(link.id));
      return { links, last: page.length < limit ? null : last };
    },

    /**
     * The documentId of the article that shows each of these links (its draft or its published
     * version: both carry the same documentId). Plain reads of the join table and the articles.
     */
    async articlesOfLinks(linkIds: number[]): Promise<Map<number, string>> {
      const join = joinTable('article');
      const meta = strapi.db.metadata.get(ARTICLE_UID);
      const documentIdColumn = columnOf(strapi, ARTICLE_UID, 'documentId');
      const owners = new Map<number, number>();
      for (const part of chunks(linkIds)) {
        const rows: Array<{ link: number; article: number }> = await tableQuery(strapi, join.name)
          .select({ link: join.joinColumn.name, article: join.inverseJoinColumn.name })
          .whereIn(join.joinColumn.name, part);
        for (const row of rows) owners.set(Number(row.link), Number(row.article));
      }
      const documentIds = new Map<number, string>();
      for (const part of chunks([...new Set(owners.values())])) {
        const rows: Array<{ id: number; documentId: string }> = await tableQuery(strapi, meta.tableName)
          .select({ id: 'id', documentId: documentIdColumn })
          .whereIn('id', part);
        for (const row of rows) documentIds.set(Number(row.id), row.documentId);
      }
      const byLink = new Map<number, string>();
      for (const [link, article] of owners) {
        const documentId = documentIds.get(article);
        if (documentId !== undefined) byLink.set(link, documentId);
      }
      return byLink;
    },

    /** The ids of the links an article row (a draft or a published version) shows. */
    async linkIdsOf(articleRowId: number): Promise<number[]> {
      const join = joinTable('article');
      // In the transaction under way, if any (a nested one is that one).
      const rows: Array<{ id: number }> = await strapi.db.transaction(({ trx }) =>
        table(trx, join.name).select({ id: join.joinColumn.name }).where(join.inverseJoinColumn.name, articleRowId)
      );
      return rows.map((row) => Number(row.id));
    },

    /** The draft row `draftId` lets go of these links (the published version keeps them). */
    async detachFromArticle(trx: Knex.Transaction, draftId: number, linkIds: number[]) {
      if (linkIds.length === 0) return;
      const join = joinTable('article');
      for (const part of chunks(linkIds)) {
        await table(trx, join.name).where(join.inverseJoinColumn.name, draftId).whereIn(join.joinColumn.name, part).delete();
      }
    },

    /**
     * Points links at new targets (or none), replacing their target rows. Like a Document
     * Service update of the link, this moves each link's updatedAt.
     */
    async setTargets(trx: Knex.Transaction, links: Array<{ id: number; target: string | null }>) {
      if (links.length === 0) return;
      const join = joinTable('target');
      for (const part of chunks(links)) {
        await table(trx, join.name).whereIn(join.joinColumn.name, part.map((link) => link.id)).delete();
      }
      await insertTargetRows(trx, links);
      // Through the Query Engine, which stores a date the way each dialect expects.
      const updatedAt = new Date();
      for (const part of chunks(links)) {
        await strapi.db.query(RELATED_LINK_UID).updateMany({ where: { id: { $in: part.map((link) => link.id) } }, data: { updatedAt } });
      }
    },
  };
};

export type LinkRowsService = ReturnType<typeof createLinkRowsService>;
export default createLinkRowsService;
