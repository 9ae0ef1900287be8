import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { ARTICLE_UID, RELATED_LINK_UID, SECTION_UID, SOURCE_UID } from '../constants';
import { sourceKey } from '../parse';
import { columnValues, type ArticleFields, type LinkFields } from '../plan/fields';
import type { ArticlePlan } from '../plan/plan-article';
import { nameSlug } from '../plan/slug';
import { formatStamp, stampOf, type ImportState } from '../plan/state';
import { uniqueSlug } from '../plan/unique-slug';
import type { Catalog, NamedKind, StoredArticle, StoredNamed } from './catalog';
import type { LinkRow } from './link-rows';
import { insertEntries } from './plain-inserts';
import { getService } from '../utils';
import { newDocumentId } from '../utils/document-id';
import { assertStoredExternalId } from '../utils/stored-identity';
import { columnOf, refreshStatistics, tableQuery } from '../utils/tables';

export interface ArticleWrite {
  externalId: string;
  /** The slug a new article gets (unused on update: a published URL does not move). */
  slug: string;
  existing: StoredArticle | null;
  plan: ArticlePlan;
  state: Omit<ImportState, 'writtenAt' | 'fields'>;
  publish: boolean;
  /** A new article's documentId, when the caller chose it; default: a new one. */
  documentId?: string;
}

/** Sections and sources a write created, keyed as the catalog keys them; they join it after commit. */
type CreatedNamed = Record<NamedKind, Array<[string, StoredNamed]>>;

const NAMED_UID = { section: SECTION_UID, source: SOURCE_UID } as const;

interface StoredLink {
  id: number;
  documentId: string;
  kind: string;
  position: number;
  title: string;
  publisher: string | null;
  target: { documentId: string } | null;
}

type DraftRow = { id: number; documentId: string; title: string; slug: string; updatedAt: unknown };

/** Links a write created (their values) and links it changed (fields or target, by id). */
type LinkIds = { created: Array<Record<string, unknown>>; changed: number[] };

const byKindThenPosition = (a: { kind: string; position: number }, b: { kind: string; position: number }) =>
  a.kind === b.kind ? a.position - b.position : a.kind === 'recommended' ? -1 : 1;

const PENDING_PAGE = 2000;
/** Resolved link targets written per transaction (see resolvePendingTargets). */
const RESOLVED_PER_TRANSACTION = 5000;

const createWriterService = ({ strapi }: { strapi: Core.Strapi }) => {
  const linkRows = () => getService(strapi, 'link-rows');
  const announce = () => getService(strapi, 'announcements');

  /** Finds or creates the named entries (sections, sources); new ones join the catalog only after commit. */
  const ensureNamed = async (catalog: Catalog, kind: NamedKind, key: string, name: string, created: CreatedNamed): Promise<StoredNamed> => {
    const found = catalog.named(kind, key) ?? created[kind].find(([createdKey]) => createdKey === key)?.[1];
    if (found) return found;
    const taken = catalog.namedSlugs(kind);
    for (const [, entry] of created[kind]) taken.add(entry.slug);
    const slug = uniqueSlug(nameSlug(name) || key, taken);
    const entry = (await strapi.documents(NAMED_UID[kind]).create({ data: { name, slug } as never })) as unknown as StoredNamed;
    created[kind].push([key, { id: entry.id, documentId: entry.documentId, name, slug }]);
    return created[kind][created[kind].length - 1][1];
  };

  /**
   * The links one version of an article shows. Found through the join table by the version's
   * row id: a filter on the article through the relation makes the Query Engine's join read
   * every link there is.
   */
  const linksOf = async (articleDocumentId: string, version: 'draft' | 'published'): Promise<StoredLink[]> => {
    const row = await strapi.db.query(ARTICLE_UID).findOne({
      where: { documentId: articleDocumentId, publishedAt: version === 'draft' ? null : { $notNull: true } },
      select: ['id'],
    });
    const ids = row ? await linkRows().linkIdsOf(row.id as number) : [];
    if (ids.length === 0) return [];
    return (await strapi.db.query(RELATED_LINK_UID).findMany({
      where: { id: { $in: ids } },
      select: ['id', 'documentId', 'kind', 'position', 'title', 'publisher'],
      populate: { target: { select: ['documentId'] } },
    })) as StoredLink[];
  };

  /**
   * Rewrites the draft's links to match `links`, reusing the stored entries in order: changed
   * fields updated in place, missing links created in bulk, surplus ones deleted. Links have no
   * Draft & Publish of their own, so one the published version also shows is never edited or
   * deleted — the draft lets go of it and gets a new one — and the live page changes only when
   * the article is published. Returns the links it created and those it changed, to announce.
   */
  const replaceLinks = async (trx: Knex.Transaction, catalog: Catalog, draft: { id: number; documentId: string }, links: LinkFields[]): Promise<LinkIds> => {
    const existing = (await linksOf(draft.documentId, 'draft')).sort(byKindThenPosition);
    const live = new Set((await linksOf(draft.documentId, 'published')).map((link) => link.id));
    const wanted = [...links].sort(byKindThenPosition);
    const toCreate: LinkRow[] = [];
    const retargeted: Array<{ id: number; target: string | null }> = [];
    const letGo: number[] = [];
    const changed: number[] = [];

    for (let index = 0; index < wanted.length; index += 1) {
      const { kind, position, title, publisher } = wanted[index];
      const target = catalog.targetFor(title, draft.documentId);
      const current = existing[index];
      if (!current) {
        toCreate.push({ kind, position, title, publisher, target });
        continue;
      }
      const sameFields = current.kind === kind && current.position === position && current.title === title && (current.publisher ?? '') === publisher;
      const sameTarget = (current.target?.documentId ?? null) === target;
      if (sameFields && sameTarget) continue;
      if (live.has(current.id)) {
        letGo.push(current.id);
        toCreate.push({ kind, position, title, publisher, target });
        continue;
      }
      if (!sameFields) {
        await strapi.db.query(RELATED_LINK_UID).update({ where: { id: current.id }, data: { kind, position, title, publisher } });
      }
      if (!sameTarget) retargeted.push({ id: current.id, target });
      changed.push(current.id);
    }
    for (const surplus of existing.slice(wanted.length)) {
      if (live.has(surplus.id)) letGo.push(surplus.id);
      else await strapi.documents(RELATED_LINK_UID).delete({ documentId: surplus.documentId });
    }
    await linkRows().detachFromArticle(trx, draft.id, letGo);
    const created = await linkRows().insertLinks(trx, [{ draftId: draft.id, links: toCreate, isNewDraft: false }]);
    await linkRows().setTargets(trx, retargeted);
    return { created, changed };
  };

  /**
   * New articles' draft rows and their section and sources join rows, as the Document Service
   * stores them (a documentId shaped as Strapi's, publishedAt null, the order columns),
   * written as plain inserts (plain-inserts insertEntries), without its per-entry validation and reloads, most of a
   * cold import's time: the importer checked the values itself (plan/fields, the fields' limits).
   * test/integration/article-rows.test.ts compares the rows with the Document Service's.
   */
  const createDrafts = async (
    trx: Knex.Transaction,
    catalog: Catalog,
    drafts: Array<{ fields: Record<string, unknown> & { documentId: string }; section: StoredNamed | null | undefined; sources: StoredNamed[] | undefined }>
  ): Promise<DraftRow[]> => {
    const ids = await insertEntries(
      strapi,
      trx,
      ARTICLE_UID,
      drafts.map((draft) => ({ ...draft.fields, publishedAt: null }))
    );
    const owners = (targets: (draft: (typeof drafts)[number]) => StoredNamed[]) =>
      drafts.map((draft, index) => ({ ownerId: ids[index], targetIds: targets(draft).map((target) => target.id) }));
    await linkRows().attachToNew(trx, ARTICLE_UID, 'section', owners((draft) => (draft.section ? [draft.section] : [])), catalog.articleOrds('section'));
    await linkRows().attachToNew(trx, ARTICLE_UID, 'sources', owners((draft) => draft.sources ?? []), catalog.articleOrds('source'));
    return drafts.map((draft, index) => ({ ...draft.fields, id: ids[index], publishedAt: null }) as unknown as DraftRow);
  };

  /** Straight to the columns: the state is bookkeeping, and an update through Strapi would move updatedAt. */
  const saveState = async (id: number, documentId: string, state: ImportState, trx?: Knex.Transaction) => {
    await tableQuery(strapi, strapi.db.metadata.get(ARTICLE_UID).tableName, trx)
      .where({ id })
      .update({ [columnOf(strapi, ARTICLE_UID, 'importState')]: JSON.stringify(state), [columnOf(strapi, ARTICLE_UID, 'importStamp')]: formatStamp(stampOf(state, documentId)) });
  };

  /** The section and sources a write names, found or created (new ones collected in `created`). */
  const namedOf = async (catalog: Catalog, write: Partial<ArticleFields>, created: CreatedNamed) => {
    let section: StoredNamed | null | undefined;
    if ('section' in write) {
      section = write.section ? await ensureNamed(catalog, 'section', nameSlug(write.section), write.section, created) : null;
    }
    let sources: StoredNamed[] | undefined;
    if (write.sources) {
      sources = [];
      for (const name of write.sources) sources.push(await ensureNamed(catalog, 'source', sourceKey(name), name, created));
    }
    return { section, sources };
  };

  /** Sections and sources a committed write created join the catalog. */
  const rememberNamed = (catalog: Catalog, created: CreatedNamed) => {
    for (const kind of ['section', 'source'] as const) for (const [key, entry] of created[kind]) catalog.addNamed(kind, key, entry);
  };

  /**
   * The last step of a write, in its transaction: publishes when asked, and saves the import
   * state with the draft's updatedAt as it now stands (unless the draft already carries it).
   */
  const settle = async (
    trx: Knex.Transaction,
    request: ArticleWrite,
    documentId: string,
    draft: DraftRow | null,
    carried: ImportState | null
  ): Promise<StoredArticle> => {
    if (request.publish) await strapi.documents(ARTICLE_UID).publish({ documentId });
    // The draft as the create or update returned it, unless something since may have moved it.
    const row =
      draft && !request.publish
        ? draft
        : await strapi.db.query(ARTICLE_UID).findOne({ where: { documentId, publishedAt: null }, select: ['id', 'title', 'slug', 'updatedAt'] });
    const writtenAt = new Date(row.updatedAt as string).getTime();
    const state: ImportState = { ...request.state, fields: request.plan.fields, writtenAt };
    if (carried?.writtenAt !== writtenAt) await saveState(row.id, documentId, state, trx);
    return { id: row.id as number, documentId, externalId: request.externalId, title: row.title as string, slug: row.slug as string, updatedAt: writtenAt, stamp: stampOf(state, documentId) };
  };

  /**
   * Creates new articles (their drafts), their links and any new section or source, all in
   * one transaction: a crash leaves all of them or none. The importer sends a batch of them
   * at a time; a batch that fails is sent again one article at a time (see the importer), so
   * that one bad article fails alone.
   */
  const createArticles = async (catalog: Catalog, requests: ArticleWrite[]): Promise<StoredArticle[]> => {
    if (requests.length === 0) return [];
    const created: CreatedNamed = { section: [], source: [] };
    let drafts: DraftRow[] = [];
    let links: Array<Record<string, unknown>> = [];
    const stored = await strapi.db.transaction(async ({ trx }) => {
      // A new draft carries its import state from the start: its updatedAt is set here, not by the database.
      const createdAt = new Date();
      const prepared = [];
      for (const request of requests) {
        const { section, sources } = await namedOf(catalog, request.plan.write, created);
        const state: ImportState = { ...request.state, fields: request.plan.fields, writtenAt: createdAt.getTime() };
        const documentId = request.documentId ?? newDocumentId();
        const fields = {
          ...columnValues(request.plan.write),
          documentId,
          externalId: request.externalId,
          slug: request.slug,
          importState: state,
          importStamp: formatStamp(stampOf(state, documentId)),
          createdAt,
          updatedAt: createdAt,
        };
        prepared.push({ request, state, fields, section, sources });
      }
      drafts = await createDrafts(trx, catalog, prepared);
      links = await linkRows().insertLinks(
        trx,
        prepared.map(({ request }, index) => ({
          draftId: drafts[index].id,
          isNewDraft: true,
          links: [...(request.plan.write.relatedLinks ?? [])]
            .sort(byKindThenPosition)
            .map(({ kind, position, title, publisher }) => ({ kind, position, title, publisher, target: catalog.targetFor(title, drafts[index].documentId) })),
        }))
      );
      const result: StoredArticle[] = [];
      for (const [index, { request, state }] of prepared.entries()) result.push(await settle(trx, request, drafts[index].documentId, drafts[index], state));
      return result;
    });
    rememberNamed(catalog, created);
    // Webhooks and other listeners hear of each new article and link as from the Document Service.
    await announce().rows('entry.create', ARTICLE_UID, drafts as unknown as Array<Record<string, unknown>>);
    await announce().rows('entry.create', RELATED_LINK_UID, links);
    return stored;
  };

  return {
    createArticles,

    /** Updates only what the import remembers of an article (its content did not change); returns it as now stored. */
    async rememberState(article: StoredArticle, state: ImportState): Promise<StoredArticle> {
      await saveState(article.id, article.documentId, state);
      return { ...article, stamp: stampOf(state, article.documentId) };
    },

    /**
     * Updates one article's draft, its links and any new section or source in one transaction:
     * a crash leaves all of it or none of it. Returns the stored article as the catalog should
     * now see it. (New articles go through createArticles.)
     */
    async updateArticle(catalog: Catalog, request: ArticleWrite & { existing: StoredArticle }): Promise<StoredArticle> {
      const { existing } = request;
      const created: CreatedNamed = { section: [], source: [] };
      let links: LinkIds = { created: [], changed: [] };
      const stored = await strapi.db.transaction(async ({ trx }) => {
        await assertStoredExternalId(strapi, existing.documentId, request.externalId);
        const write = request.plan.write;
        const { section, sources } = await namedOf(catalog, write, created);
        const data = columnValues(write);
        if (section !== undefined) data.section = section ? section.documentId : null;
        if (sources !== undefined) data.sources = sources.map((source) => source.documentId);
        let draft: DraftRow | null = null;
        if (Object.keys(data).length > 0) {
          // The Document Service numbers the join rows it writes itself: forget what the run knew of them.
          if (section) catalog.articleOrds('section').delete(section.id);
          for (const source of sources ?? []) catalog.articleOrds('source').delete(source.id);
          draft = (await strapi.documents(ARTICLE_UID).update({ documentId: existing.documentId, data: data as never })) as unknown as DraftRow;
        }
        if (write.relatedLinks) links = await replaceLinks(trx, catalog, draft ?? existing, write.relatedLinks);
        return settle(trx, request, existing.documentId, draft, null);
      });
      rememberNamed(catalog, created);
      await announce().rows('entry.create', RELATED_LINK_UID, links.created);
      await announce().ids('entry.update', RELATED_LINK_UID, links.changed);
      return stored;
    },

    /**
     * The links only the published version of an article shows: cards its draft let go of
     * (see replaceLinks). Publishing the draft leaves them with no article at all.
     */
    async linksOnlyLive(articleDocumentId: string): Promise<number[]> {
      const draft = new Set((await linksOf(articleDocumentId, 'draft')).map((link) => link.id));
      return (await linksOf(articleDocumentId, 'published')).map((link) => link.id).filter((id) => !draft.has(id));
    },

    /** Deletes those of `ids` no article shows any more. */
    async deleteOrphanLinks(ids: number[]): Promise<number> {
      if (ids.length === 0) return 0;
      // Whole rows: a deleted link is announced with its last values.
      const orphans = (await strapi.db.query(RELATED_LINK_UID).findMany({
        where: { id: { $in: ids }, article: { id: { $null: true } } },
      })) as Array<Record<string, unknown> & { id: number }>;
      if (orphans.length > 0) {
        await strapi.db.query(RELATED_LINK_UID).deleteMany({ where: { id: { $in: orphans.map((link) => link.id) } } });
        await announce().rows('entry.delete', RELATED_LINK_UID, orphans);
      }
      return orphans.length;
    },

    /**
     * Links whose headline matches an article that arrived after them get their target now.
     * Only links without a target are looked at, so a run with nothing new writes nothing. The
     * page reads only ids and headlines; the article of a link is read only for the links a
     * headline matches (to leave a link to its own article without a target): populating it for
     * every link was most of a cold import's last step.
     */
    async resolvePendingTargets(catalog: Catalog): Promise<number> {
      let resolved: Array<{ id: number; target: string }> = [];
      let written = 0;
      // A transaction per few thousand links: a cold import of 100,000 articles resolves
      // hundreds of thousands, and holding them all with their join rows was 25 MB at its end.
      // Each link's new target is independent of the others'.
      const write = async () => {
        if (resolved.length === 0) return;
        const batch = resolved;
        resolved = [];
        await strapi.db.transaction(({ trx }) => linkRows().setTargets(trx, batch));
        await announce().ids('entry.update', RELATED_LINK_UID, batch.map((link) => link.id));
        written += batch.length;
      };
      await refreshStatistics(strapi, linkRows().tableNames());
      for (let after = 0; ; ) {
        const { links, last } = await linkRows().linksWithoutTarget(after, PENDING_PAGE);
        const matched = links.flatMap((link) => {
          const target = catalog.targetFor(link.title, undefined);
          return target ? [{ id: link.id, target }] : [];
        });
        const owners = await linkRows().articlesOfLinks(matched.map((link) => link.id));
        // Never the article showing the link.
        for (const link of matched) if (owners.get(link.id) !== link.target) resolved.push(link);
        if (resolved.length >= RESOLVED_PER_TRANSACTION) await write();
        if (last === null) break;
        after = last;
      }
      await write();
      return written;
    },
  };
};

export type WriterService = ReturnType<typeof createWriterService>;
export default createWriterService;
