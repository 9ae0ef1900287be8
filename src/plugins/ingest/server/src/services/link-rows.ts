import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { ARTICLE_UID, RELATED_LINK_UID } from '../constants';

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

/** Rows per INSERT or per IN (…) list: below every dialect's limit on bound values. */
const CHUNK = 400;

const chunks = <T>(items: T[], size = CHUNK): T[][] => {
  const out: T[][] = [];
  for (let index = 0; index < items.length; index += size) out.push(items.slice(index, index + size));
  return out;
};

/**
 * Related links written in bulk, stored exactly as the Document Service stores them, but with
 * a handful of queries per article instead of several per link.
 *
 * A RelatedLink has no Draft & Publish and Article has. Its `target` is connected to every
 * version of the target article, draft and published, as the Document Service does (core
 * `transform/relations/utils/dp`). Its `article` is the draft only, as the Document Service
 * does when told `status: 'draft'`: the published version shows a card only once an editor
 * publishes. The `article` relation's join row carries the link's place in the article's
 * `relatedLinks` (1, 2, 3…, after the last one already there). Links get a documentId from the model's own generator and a
 * `publishedAt` from the model's default, as `createMany` applies them. Table and column names
 * come from the database metadata, never spelled here.
 */
const createLinkRowsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const linkMeta = () => strapi.db.metadata.get(RELATED_LINK_UID);
  const joinTable = (attribute: 'article' | 'target') =>
    (linkMeta().attributes[attribute] as unknown as { joinTable: JoinTable }).joinTable;
  const columnOf = (uid: string, attribute: string) =>
    (strapi.db.metadata.get(uid).attributes[attribute] as { columnName?: string }).columnName ?? attribute;
  const table = (trx: Knex.Transaction | Knex, name: string) => {
    const schema = strapi.db.getSchemaName();
    return schema ? trx(name).withSchema(schema) : trx(name);
  };

  /** documentId -> ids of its rows (draft and published versions). */
  const articleRowIds = async (trx: Knex.Transaction, documentIds: string[]) => {
    const meta = strapi.db.metadata.get(ARTICLE_UID);
    const documentIdColumn = columnOf(ARTICLE_UID, 'documentId');
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
    for (const part of chunks(rows)) await table(trx, join.name).insert(part);
  };

  return {
    /** Creates `links` on the draft row `draftId`, after the links it already has. */
    async insertLinks(trx: Knex.Transaction, draftId: number, links: LinkRow[], isNewDraft: boolean) {
      if (links.length === 0) return;
      // The generator Strapi gives every model's documentId (cuid2), as the Document Service uses it.
      const newDocumentId = (linkMeta().attributes.documentId as { default: () => string }).default;
      const data = links.map(({ kind, position, title, publisher }) => ({ documentId: newDocumentId(), kind, position, title, publisher }));
      await strapi.db.query(RELATED_LINK_UID).createMany({ data });

      // createMany's returned ids are not reliable on every dialect: read them back.
      const stored: Array<{ id: number; documentId: string }> = await strapi.db.query(RELATED_LINK_UID).findMany({
        where: { documentId: { $in: data.map((row) => row.documentId) } },
        select: ['id', 'documentId'],
      });
      const idOf = new Map(stored.map((row) => [row.documentId, Number(row.id)]));
      const created = data.map((row, index) => ({ id: idOf.get(row.documentId)!, target: links[index].target }));

      const join = joinTable('article');
      const orderColumn = join.inverseOrderColumnName!;
      const [last] = isNewDraft
        ? [{ ord: 0 }]
        : await table(trx, join.name).max({ ord: orderColumn }).where(join.inverseJoinColumn.name, draftId);
      const lastOrd = Number(last?.ord ?? 0);
      const rows = created.map((link, index) => ({
        [join.joinColumn.name]: link.id,
        [join.inverseJoinColumn.name]: draftId,
        [orderColumn]: lastOrd + index + 1,
      }));
      for (const part of chunks(rows)) await table(trx, join.name).insert(part);
      await insertTargetRows(trx, created);
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
