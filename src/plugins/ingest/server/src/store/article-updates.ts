import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { ARTICLE_UID, RELATED_LINK_UID } from '../constants';
import { columnValues, type ArticleFields } from '../plan/fields';
import { planLinkChanges, type LinkChanges } from '../plan/link-changes';
import { formatStamp, stampOf, type ImportState } from '../plan/state';
import { getService } from '../utils';
import { chunks } from '../utils/chunks';
import { columnOf, tableQuery } from '../utils/tables';
import type { Catalog, StoredArticle } from './catalog';
import type { DraftSnapshot } from './draft-snapshots';
import type { ArticleWrite } from './writer';
import { assertStoredExternalIds } from '../utils/stored-identity';

export interface ArticleUpdate {
  request: ArticleWrite & { existing: StoredArticle };
  snapshot: DraftSnapshot;
}

const toMs = (value: unknown) => (value instanceof Date ? value.getTime() : new Date(value as string).getTime());

/** A write the bulk path leaves to the Document Service: a new section or sources (rare, and their join rows' order is its own). */
export const needsDocumentService = (write: Partial<ArticleFields>) => 'section' in write || 'sources' in write;

/**
 * Changed captures written in bulk: many articles' drafts and links in one transaction, as
 * the Document Service would leave them, in a few statements per batch instead of dozens per
 * article. Only what changes is written: a draft row whose fields changed (its updatedAt
 * moves, `entry.update` is sent), the links that differ (a new Explore list rewrites those
 * links, nothing else). Each draft carries its new import state in the same statement.
 * test/integration/article-updates.test.ts compares the rows with the Document Service's.
 */
const createArticleUpdatesService = ({ strapi }: { strapi: Core.Strapi }) => {
  const linkRows = () => getService(strapi, 'link-rows');
  const joinOf = (attribute: 'article' | 'target') =>
    (strapi.db.metadata.get(RELATED_LINK_UID).attributes[attribute] as unknown as { joinTable: { name: string; joinColumn: { name: string }; inverseJoinColumn: { name: string } } })
      .joinTable;
  const table = (trx: Knex.Transaction, name: string) => tableQuery(strapi, name, trx);
  const linkColumn = (attribute: string) => columnOf(strapi, RELATED_LINK_UID, attribute);

  /** Link entries whose own fields change: one multi-row upsert on their ids per chunk (an UPDATE per row costs a round trip each). */
  const updateLinkFields = async (trx: Knex.Transaction, updates: LinkChanges['update'], now: Date) => {
    const columns = ['kind', 'position', 'title', 'publisher', 'updatedAt'].map(linkColumn);
    for (const part of chunks(updates)) {
      const rows = part.map(({ id, kind, position, title, publisher }) => ({
        id,
        [linkColumn('kind')]: kind,
        [linkColumn('position')]: position,
        [linkColumn('title')]: title,
        [linkColumn('publisher')]: publisher,
        [linkColumn('updatedAt')]: now,
      }));
      await table(trx, strapi.db.metadata.get(RELATED_LINK_UID).tableName).insert(rows).onConflict('id').merge(columns);
    }
    await dropResurrected(trx, RELATED_LINK_UID, updates.map((update) => update.id));
  };

  /**
   * Draft rows' new values, by attribute: one multi-row upsert on their ids per set of columns
   * (an UPDATE per draft costs a round trip each), values stored as the Query Engine stores them.
   */
  const updateDrafts = async (trx: Knex.Transaction, rows: Array<Record<string, unknown> & { id: number }>) => {
    const { tableName, attributes } = strapi.db.metadata.get(ARTICLE_UID);
    const stored = (attribute: string, value: unknown) => {
      const type = (attributes[attribute] as { type: string }).type;
      return (type === 'json' || type === 'blocks') && value !== null ? JSON.stringify(value) : value;
    };
    const groups = new Map<string, Array<Record<string, unknown>>>();
    for (const row of rows) {
      const key = Object.keys(row).sort().join(',');
      const columns = Object.fromEntries(Object.entries(row).map(([attribute, value]) => [attribute === 'id' ? 'id' : columnOf(strapi, ARTICLE_UID, attribute), attribute === 'id' ? value : stored(attribute, value)]));
      groups.set(key, [...(groups.get(key) ?? []), columns]);
    }
    for (const group of groups.values()) {
      const merged = Object.keys(group[0]).filter((column) => column !== 'id');
      for (const part of chunks(group)) await table(trx, tableName).insert(part).onConflict('id').merge(merged);
    }
    await dropResurrected(trx, ARTICLE_UID, rows.map((row) => row.id));
  };

  /**
   * An upsert inserts a row that someone deleted since the batch was read (an editor deleting
   * an article meanwhile): such a row has no documentId, which every stored row has. Gone again.
   */
  const dropResurrected = async (trx: Knex.Transaction, uid: typeof ARTICLE_UID | typeof RELATED_LINK_UID, ids: number[]) => {
    const { tableName } = strapi.db.metadata.get(uid);
    for (const part of chunks(ids)) await table(trx, tableName).whereIn('id', part).whereNull(columnOf(strapi, uid, 'documentId')).delete();
  };

  /** Link entries no version shows any more: their join rows and themselves. Returns the rows, for `entry.delete`. */
  const removeLinks = async (trx: Knex.Transaction, ids: number[]) => {
    const removed: Array<Record<string, unknown>> = [];
    for (const part of chunks(ids)) {
      removed.push(...((await strapi.db.query(RELATED_LINK_UID).findMany({ where: { id: { $in: part } } })) as Array<Record<string, unknown>>));
      for (const join of [joinOf('article'), joinOf('target')]) await table(trx, join.name).whereIn(join.joinColumn.name, part).delete();
      await table(trx, strapi.db.metadata.get(RELATED_LINK_UID).tableName).whereIn('id', part).delete();
    }
    return removed;
  };

  const applyLinkChanges = async (trx: Knex.Transaction, changes: Array<{ draftId: number; changes: LinkChanges }>, now: Date) => {
    await updateLinkFields(trx, changes.flatMap((entry) => entry.changes.update), now);
    const removed = await removeLinks(trx, changes.flatMap((entry) => entry.changes.remove));
    const detached = changes.filter((entry) => entry.changes.detach.length > 0);
    if (detached.length > 0) {
      const join = joinOf('article');
      for (const part of chunks(detached.flatMap((entry) => entry.changes.detach))) {
        await table(trx, join.name).whereIn(join.inverseJoinColumn.name, detached.map((entry) => entry.draftId)).whereIn(join.joinColumn.name, part).delete();
      }
    }
    const created = await linkRows().insertLinks(trx, changes.map((entry) => ({ draftId: entry.draftId, links: entry.changes.create, isNewDraft: false })));
    await linkRows().setTargets(trx, changes.flatMap((entry) => entry.changes.retarget));
    const changed = changes.flatMap((entry) => [...entry.changes.update.map((link) => link.id), ...entry.changes.retarget.map((link) => link.id)]);
    return { removed, created, changed };
  };

  /** Drafts `publish` moved: their import state takes their updatedAt as it now stands. */
  const settlePublished = async (published: Array<{ id: number; documentId: string; state: ImportState }>) => {
    if (published.length === 0) return new Map<number, number>();
    const rows = (await strapi.db.query(ARTICLE_UID).findMany({ where: { id: { $in: published.map((entry) => entry.id) } }, select: ['id', 'updatedAt'] })) as Array<{
      id: number;
      updatedAt: unknown;
    }>;
    const writtenAt = new Map(rows.map((row) => [Number(row.id), toMs(row.updatedAt)]));
    for (const { id, documentId, state } of published) {
      if (writtenAt.get(id) === state.writtenAt) continue;
      state.writtenAt = writtenAt.get(id)!;
      await strapi.db.query(ARTICLE_UID).updateMany({ where: { id }, data: { importState: state, importStamp: formatStamp(stampOf(state, documentId)) } });
    }
    return writtenAt;
  };

  return {
    /**
     * Updates the drafts of `updates` (planned from their snapshots), their links, and publishes
     * those asked, in one transaction: a crash leaves all of them as they were or all of them
     * new. The importer sends a batch at a time and, when one fails, each article again alone.
     */
    async updateArticles(catalog: Catalog, updates: ArticleUpdate[]): Promise<StoredArticle[]> {
      if (updates.length === 0) return [];
      const now = new Date();
      const moved: number[] = [];
      let links: Awaited<ReturnType<typeof applyLinkChanges>> = { removed: [], created: [], changed: [] };
      const stored = await strapi.db.transaction(async ({ trx }) => {
        await assertStoredExternalIds(strapi, updates.map(({ request }) => ({ ...request.existing, externalId: request.externalId })));
        const linkChanges: Array<{ draftId: number; changes: LinkChanges }> = [];
        const draftRows: Array<Record<string, unknown> & { id: number }> = [];
        const results: Array<{ update: ArticleUpdate; state: ImportState }> = [];
        for (const update of updates) {
          const { request, snapshot } = update;
          const { existing } = request;
          const data = columnValues(request.plan.write);
          const moves = Object.keys(data).length > 0;
          const state: ImportState = { ...request.state, fields: request.plan.fields, writtenAt: moves ? now.getTime() : toMs(snapshot.row.updatedAt) };
          draftRows.push({ id: existing.id, ...data, ...(moves ? { updatedAt: now } : {}), importState: state, importStamp: formatStamp(stampOf(state, existing.documentId)) });
          if (moves) moved.push(existing.id);
          const wanted = request.plan.write.relatedLinks;
          if (wanted) {
            const withTargets = wanted.map((link) => ({ ...link, target: catalog.targetFor(link.title, existing.documentId) }));
            linkChanges.push({ draftId: existing.id, changes: planLinkChanges(snapshot.links, snapshot.live, withTargets) });
          }
          results.push({ update, state });
        }
        await updateDrafts(trx, draftRows);
        links = await applyLinkChanges(trx, linkChanges, now);
        const toPublish = results.filter(({ update }) => update.request.publish);
        for (const { update } of toPublish) await strapi.documents(ARTICLE_UID).publish({ documentId: update.request.existing.documentId });
        await settlePublished(toPublish.map(({ update, state }) => ({ id: update.request.existing.id, documentId: update.request.existing.documentId, state })));
        return results.map(({ update: { request }, state }): StoredArticle => ({
          id: request.existing.id,
          documentId: request.existing.documentId,
          externalId: request.externalId,
          title: request.plan.write.title ?? request.existing.title,
          slug: request.existing.slug,
          updatedAt: state.writtenAt,
          stamp: stampOf(state, request.existing.documentId),
        }));
      });
      // Listeners hear of each change as they would from the Document Service.
      const announce = getService(strapi, 'announcements');
      await announce.ids('entry.update', ARTICLE_UID, moved);
      await announce.rows('entry.create', RELATED_LINK_UID, links.created);
      await announce.ids('entry.update', RELATED_LINK_UID, links.changed);
      await announce.rows('entry.delete', RELATED_LINK_UID, links.removed);
      return stored;
    },
  };
};

export type ArticleUpdatesService = ReturnType<typeof createArticleUpdatesService>;
export default createArticleUpdatesService;
