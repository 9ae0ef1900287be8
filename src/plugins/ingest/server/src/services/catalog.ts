import type { Core } from '@strapi/strapi';
import { ARTICLE_UID, SECTION_UID, SOURCE_UID } from '../constants';
import { isImportState, parseStamp, type ImportStamp, type ImportState } from '../plan/state';
import { sourceKey } from '../parse';
import { titleKey } from '../utils/titles';
import { columnOf, tableQuery } from '../utils/tables';

/** What deciding that a capture is unchanged needs of its article's draft. */
export interface StampedArticle {
  id: number;
  documentId: string;
  externalId: string;
  updatedAt: number;
  stamp: ImportStamp | null;
}

export interface StoredArticle extends StampedArticle {
  title: string;
  slug: string;
}

export interface StoredNamed {
  id: number;
  documentId: string;
  name: string;
  slug: string;
}

/**
 * What is stored, loaded once per run so that deciding about a capture costs no query. It
 * comes in two parts. `stamps` is all an unchanged capture needs, read from one index and no
 * article row (see `importStamp`). The rest — each draft's headline and slug, sections and
 * sources — is loaded by `complete` when the run first needs more (a file that changed, or a
 * new one). An article's whole import state is read when its capture is (`stateOf`). The
 * importer keeps the catalog current as it writes.
 */
export interface Catalog {
  /** externalId -> its draft's stamp. */
  stamps: Map<string, StampedArticle>;
  /** Whether `complete` loaded the rest. */
  complete: boolean;
  articles: Map<string, StoredArticle>;
  slugs: Set<string>;
  /** storyKey -> externalId of the article that holds that story. */
  stories: Map<string, string>;
  /** titleKey -> documentId, the first article (in external id order) with that headline. */
  titles: Map<string, string>;
  sections: Map<string, StoredNamed>;
  /** sourceKey(name) -> source. */
  sources: Map<string, StoredNamed>;
  /** Each section's and source's last `article_ord`, as the run learns and writes them. */
  lastArticleOrd: { section: Map<number, number>; sources: Map<number, number> };
}

const toMs = (value: unknown) => (value instanceof Date ? value.getTime() : typeof value === 'number' ? value : new Date(value as string).getTime());

const byExternalId = (a: { externalId: string }, b: { externalId: string }) => (a.externalId < b.externalId ? -1 : a.externalId > b.externalId ? 1 : 0);

const createCatalogService = ({ strapi }: { strapi: Core.Strapi }) => {
  /** The articles table and its columns' names, from the database metadata. */
  const articleTable = () => {
    const { tableName } = strapi.db.metadata.get(ARTICLE_UID);
    return { query: () => tableQuery(strapi, tableName), column: (attribute: string) => columnOf(strapi, ARTICLE_UID, attribute) };
  };

  /**
   * The drafts' stamps. Both selects read only columns an index holds (the schema's
   * `articles_import_catalog_idx`, and Strapi's own documents index), so a database that can
   * answers them from the indexes without reading an article's row, whose body is most of it.
   */
  const loadStamps = async (): Promise<StampedArticle[]> => {
    const { query, column } = articleTable();
    const drafts: Array<{ id: number; externalId: string; updatedAt: unknown; stamp: string | null }> = await query()
      .select({ id: 'id', externalId: column('externalId'), updatedAt: column('updatedAt'), stamp: column('importStamp') })
      .whereNull(column('publishedAt'));
    // Every version's: a filter on publishedAt would make a database use the index above and
    // read each row for its documentId.
    const documentIds: Array<{ id: number; documentId: string }> = await query().select({ id: 'id', documentId: column('documentId') });
    const documentIdOf = new Map(documentIds.map((row) => [Number(row.id), row.documentId]));
    return drafts.map((row) => ({
      id: Number(row.id),
      documentId: documentIdOf.get(Number(row.id))!,
      externalId: row.externalId,
      updatedAt: toMs(row.updatedAt),
      stamp: parseStamp(row.stamp),
    }));
  };

  const service = {
    async load(): Promise<Catalog> {
      const catalog: Catalog = {
        stamps: new Map(),
        complete: false,
        articles: new Map(),
        slugs: new Set(),
        stories: new Map(),
        titles: new Map(),
        sections: new Map(),
        sources: new Map(),
        lastArticleOrd: { section: new Map(), sources: new Map() },
      };
      for (const article of await loadStamps()) catalog.stamps.set(article.externalId, article);
      return catalog;
    },

    /** Loads the rest of the catalog (see Catalog), once per run. */
    async complete(catalog: Catalog) {
      if (catalog.complete) return;
      const { query, column } = articleTable();
      // Columns that come before the body in a row: the body's bytes are not read.
      const rows: Array<{ id: number; title: string; slug: string }> = await query()
        .select({ id: 'id', title: column('title'), slug: column('slug') })
        .whereNull(column('publishedAt'));
      const stamped = new Map([...catalog.stamps.values()].map((article) => [article.id, article]));
      const drafts: StoredArticle[] = [];
      for (const row of rows) {
        const article = stamped.get(Number(row.id));
        if (article) drafts.push({ ...article, title: row.title, slug: row.slug });
      }
      drafts.sort(byExternalId);
      for (const article of drafts) service.remember(catalog, article);

      const sections = await strapi.db.query(SECTION_UID).findMany({ select: ['id', 'documentId', 'name', 'slug'] });
      for (const section of sections as StoredNamed[]) catalog.sections.set(section.slug, section);
      const sources = await strapi.db.query(SOURCE_UID).findMany({ select: ['id', 'documentId', 'name', 'slug'] });
      for (const source of sources as StoredNamed[]) catalog.sources.set(sourceKey(source.name), source);
      catalog.complete = true;
    },

    /** An article's whole import state, or null (made by hand, or by an older importer). */
    async stateOf(article: StampedArticle): Promise<ImportState | null> {
      return (await service.statesOf([article.id])).get(article.id) ?? null;
    },

    /** The whole import states of these drafts (by row id), for what a stamp only flags. */
    async statesOf(ids: number[]): Promise<Map<number, ImportState>> {
      const { query, column } = articleTable();
      const states = new Map<number, ImportState>();
      for (let start = 0; start < ids.length; start += 400) {
        const rows: Array<{ id: number; state: unknown }> = await query()
          .select({ id: 'id', state: column('importState') })
          .whereIn('id', ids.slice(start, start + 400));
        for (const row of rows) {
          const state = typeof row.state === 'string' ? JSON.parse(row.state) : row.state;
          if (isImportState(state)) states.set(Number(row.id), state);
        }
      }
      return states;
    },

    /** Adds or refreshes one article in the catalog (after a write, or while loading). */
    remember(catalog: Catalog, article: StoredArticle) {
      const { id, documentId, externalId, updatedAt, stamp } = article;
      catalog.stamps.set(externalId, { id, documentId, externalId, updatedAt, stamp });
      catalog.articles.set(article.externalId, article);
      catalog.slugs.add(article.slug);
      if (stamp) catalog.stories.set(stamp.storyKey, article.externalId);
      const key = titleKey(article.title);
      if (!catalog.titles.has(key)) catalog.titles.set(key, article.documentId);
    },

    /**
     * A new article's place — slug, story, headline — taken before its write, so that later
     * files of the run see it; `forget` gives it back if the write fails.
     */
    reserve(catalog: Catalog, article: StoredArticle, storyKey: string) {
      service.remember(catalog, article);
      catalog.stories.set(storyKey, article.externalId);
    },

    /** Gives back a place `reserve` took, when the article's write failed. */
    forget(catalog: Catalog, article: StoredArticle, storyKey: string) {
      if (catalog.articles.get(article.externalId) === article) {
        catalog.articles.delete(article.externalId);
        catalog.stamps.delete(article.externalId);
      }
      catalog.slugs.delete(article.slug);
      if (catalog.stories.get(storyKey) === article.externalId) catalog.stories.delete(storyKey);
      const key = titleKey(article.title);
      if (catalog.titles.get(key) === article.documentId) catalog.titles.delete(key);
    },

    /** External ids of imported drafts whose file this run did not see. */
    missing(catalog: Catalog, seen: Map<string, string>) {
      return [...catalog.stamps.values()]
        .filter((article) => !seen.has(article.externalId) && article.stamp !== null)
        .map((article) => article.externalId)
        .sort();
    },
  };
  return service;
};

export type CatalogService = ReturnType<typeof createCatalogService>;
export default createCatalogService;
