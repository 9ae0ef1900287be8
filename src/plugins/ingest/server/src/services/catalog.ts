import type { Core } from '@strapi/strapi';
import { ARTICLE_UID, SECTION_UID, SOURCE_UID } from '../constants';
import { isImportState, type ImportState } from '../plan/state';
import { sourceKey } from '../parse';
import { titleKey } from '../utils/titles';

export interface StoredArticle {
  id: number;
  documentId: string;
  externalId: string;
  title: string;
  slug: string;
  updatedAt: number;
  state: ImportState | null;
}

export interface StoredNamed {
  id: number;
  documentId: string;
  name: string;
  slug: string;
}

/**
 * What is stored, loaded once per run so that deciding about an unchanged capture costs no
 * query. The importer keeps it current as it writes.
 */
export interface Catalog {
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

const PAGE = 2000;

const toMs = (value: unknown) => (value instanceof Date ? value.getTime() : new Date(value as string).getTime());

const createCatalogService = ({ strapi }: { strapi: Core.Strapi }) => {
  // Paged: a newsroom's archive can hold tens of thousands of articles.
  const loadAllDrafts = async () => {
    const rows: Array<Record<string, unknown>> = [];
    for (let offset = 0; ; offset += PAGE) {
      const page = await strapi.db.query(ARTICLE_UID).findMany({
        where: { publishedAt: null },
        select: ['id', 'documentId', 'externalId', 'title', 'slug', 'updatedAt', 'importState'],
        orderBy: { id: 'asc' },
        offset,
        limit: PAGE,
      });
      rows.push(...page);
      if (page.length < PAGE) return rows;
    }
  };

  return {
    async load(): Promise<Catalog> {
      const catalog: Catalog = {
        articles: new Map(),
        slugs: new Set(),
        stories: new Map(),
        titles: new Map(),
        sections: new Map(),
        sources: new Map(),
        lastArticleOrd: { section: new Map(), sources: new Map() },
      };

      const drafts = (await loadAllDrafts()).map(
        (row): StoredArticle => ({
          id: row.id as number,
          documentId: row.documentId as string,
          externalId: row.externalId as string,
          title: row.title as string,
          slug: row.slug as string,
          updatedAt: toMs(row.updatedAt),
          state: isImportState(row.importState) ? row.importState : null,
        })
      );
      drafts.sort((a, b) => (a.externalId < b.externalId ? -1 : a.externalId > b.externalId ? 1 : 0));
      for (const article of drafts) this.remember(catalog, article);

      const sections = await strapi.db.query(SECTION_UID).findMany({ select: ['id', 'documentId', 'name', 'slug'] });
      for (const section of sections as StoredNamed[]) catalog.sections.set(section.slug, section);
      const sources = await strapi.db.query(SOURCE_UID).findMany({ select: ['id', 'documentId', 'name', 'slug'] });
      for (const source of sources as StoredNamed[]) catalog.sources.set(sourceKey(source.name), source);

      return catalog;
    },

    /** Adds or refreshes one article in the catalog (after a write, or while loading). */
    remember(catalog: Catalog, article: StoredArticle) {
      catalog.articles.set(article.externalId, article);
      catalog.slugs.add(article.slug);
      if (article.state) catalog.stories.set(article.state.storyKey, article.externalId);
      const key = titleKey(article.title);
      if (!catalog.titles.has(key)) catalog.titles.set(key, article.documentId);
    },

    /** Takes back an article remembered before its write, when the write failed. */
    forget(catalog: Catalog, article: StoredArticle, storyKey: string) {
      if (catalog.articles.get(article.externalId) === article) catalog.articles.delete(article.externalId);
      catalog.slugs.delete(article.slug);
      if (catalog.stories.get(storyKey) === article.externalId) catalog.stories.delete(storyKey);
      const key = titleKey(article.title);
      if (catalog.titles.get(key) === article.documentId) catalog.titles.delete(key);
    },
  };
};

export type CatalogService = ReturnType<typeof createCatalogService>;
export default createCatalogService;
