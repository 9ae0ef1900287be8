import type { Core } from '@strapi/strapi';
import { ARTICLE_UID, IMPORT_FORMAT_VERSION, SECTION_UID, SOURCE_UID } from '../constants';
import { isImportState, isStamp, parseStamp, sameFileFlags, stampDocumentId, type ImportStamp, type ImportState } from '../plan/state';
import { sourceKey } from '../parse';
import { articleSlug } from '../plan/slug';
import { uniqueSlug } from '../plan/unique-slug';
import { titleKey } from '../utils/titles';
import { columnOf, forEachRow, tableQuery } from '../utils/tables';

/** What deciding that a capture is unchanged needs of its article's draft. */
export interface StampedArticle {
  id: number;
  /** Known for every draft with a stamp; for the others once the catalog is complete (see loadEntries). */
  documentId: string | null;
  externalId: string;
  updatedAt: number;
  stamp: ImportStamp | null;
}

export interface StoredArticle extends StampedArticle {
  documentId: string;
  title: string;
  slug: string;
}

export interface StoredNamed {
  id: number;
  documentId: string;
  name: string;
  slug: string;
}

export type NamedKind = 'section' | 'source';


const toMs = (value: unknown) => (value instanceof Date ? value.getTime() : typeof value === 'number' ? value : new Date(value as string).getTime());

/** The articles table and its columns' names, from the database metadata. */
const articleTable = (strapi: Core.Strapi) => {
  const { tableName } = strapi.db.metadata.get(ARTICLE_UID);
  return { query: () => tableQuery(strapi, tableName), column: (attribute: string) => columnOf(strapi, ARTICLE_UID, attribute) };
};

/**
 * One draft as the catalog keeps it, keyed by its external id: the row the catalog's first
 * select returns, kept as it is (at 100,000 articles a second object per draft or a parsed
 * stamp were most of an unchanged run's time, spent by the garbage collector; each row as an
 * array, better-sqlite3's raw mode, made into an entry here was no faster). The stamp stays the short
 * text stored in `importStamp`, parsed when asked for, and null once this run wrote the draft
 * (see `remember`); headline and slug come with `complete`.
 */
interface Entry {
  id: number;
  /** From the stamp (see loadEntries); null for a draft with no stamp until `complete`. */
  documentId: string | null;
  updatedAt: number;
  stamp: string | null;
  /** The file (or pushed capture) of this run that claimed the external id (see `claim`). */
  claimedBy: string | null;
  title?: string;
  slug?: string;
}

/** A draft as `claim` hands it out, to be read (its row id, documentId, and what `sameFileFlags` asks). */
export type CatalogDraft = Readonly<Entry>;

/**
 * What `claim` answers: the label of the entry of this run that claimed the external id first
 * (a string), else the external id's draft, or null when it has none.
 */
export type Claim = string | CatalogDraft | null;

/**
 * The drafts' stamps, each with its documentId (see ImportStamp), from one select that reads
 * only columns an index holds (the schema's `articles_import_catalog_idx`), so a database that
 * can answers it without reading an article's row, whose body is most of it. The rows are
 * stepped one at a time where the driver can (see forEachRow). A draft with no stamp gets its
 * documentId with `complete` (nothing asks it before); stamps written before they held one
 * have theirs read from Strapi's documents index, a second select of every article (one index
 * holding both would pass MySQL's 3,072 bytes a key).
 */
const loadEntries = async (strapi: Core.Strapi, into: Map<string, Entry>) => {
  const { query, column } = articleTable(strapi);
  const nothing = strapi.db.connection.raw('null');
  const drafts = query()
    // documentId and claimedBy selected as null, filled in below and by the run: the row has
    // their places from the start.
    .select({ id: 'id', externalId: column('externalId'), documentId: nothing, updatedAt: column('updatedAt'), stamp: column('importStamp'), claimedBy: nothing })
    .whereNull(column('publishedAt'));
  let withoutDocumentId = 0;
  await forEachRow<Entry & { externalId: string; updatedAt: unknown }>(strapi, drafts, (row) => {
    // In place, and only where a driver answers otherwise (SQLite gives numbers and text).
    if (typeof row.id !== 'number') row.id = Number(row.id);
    if (typeof row.updatedAt !== 'number') row.updatedAt = toMs(row.updatedAt);
    if (typeof row.stamp !== 'string') row.stamp = null;
    row.documentId = stampDocumentId(row.stamp);
    if (row.documentId === null && row.stamp !== null) withoutDocumentId += 1;
    into.set(row.externalId, row as Entry);
  });
  if (withoutDocumentId === 0) return;
  const byId = new Map<number, Entry>();
  into.forEach((entry) => {
    if (entry.documentId === null) byId.set(entry.id, entry);
  });
  // Every version's: a filter on publishedAt would make a database use the catalog's index and
  // read each row for its documentId.
  await forEachRow<{ id: number; documentId: string }>(strapi, query().select({ id: 'id', documentId: column('documentId') }), (row) => {
    const entry = byId.get(Number(row.id));
    if (entry) entry.documentId = row.documentId;
  });
};

/** The whole import states of these drafts (by row id), for what a stamp only flags. */
export const loadStates = async (strapi: Core.Strapi, ids: number[]): Promise<Map<number, ImportState>> => {
  const { query, column } = articleTable(strapi);
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
};

/**
 * What is stored, loaded once per run so that deciding about a capture costs no query, and kept
 * current by the run's writes — through these methods only: nothing else holds its maps.
 *
 * It comes in two parts. The stamps are all an unchanged capture needs, read from one index and
 * no article row (see `importStamp`). The rest — each draft's headline and slug, sections and
 * sources — is loaded by `complete` when the run first needs more (a changed or new capture).
 */
export const loadCatalog = async (strapi: Core.Strapi) => {
  /** externalId -> its draft (see Entry). */
  const entries = new Map<string, Entry>();
  const slugs = new Set<string>();
  /** storyKey -> externalId of the article that holds that story. */
  const stories = new Map<string, string>();
  /** titleKey -> documentId, the first article (in external id order) with that headline. */
  const titles = new Map<string, string>();
  /** Sections by slug, sources by sourceKey(name). */
  const named: Record<NamedKind, Map<string, StoredNamed>> = { section: new Map(), source: new Map() };
  /** Each section's and source's last `article_ord`, as the run learns and writes them. */
  const lastArticleOrd: Record<NamedKind, Map<number, number>> = { section: new Map(), source: new Map() };
  /** External ids this run claimed that had no draft when it did (a stored draft's claim is on its entry). */
  const claims = new Map<string, string>();
  let completed = false;

  /** Who in this run claimed the external id (see `claim`): on a stored draft's entry, else in `claims`. */
  const claimOf = (externalId: string, entry: Entry | undefined): string | null => entry?.claimedBy ?? claims.get(externalId) ?? null;

  await loadEntries(strapi, entries);

  const stamped = (externalId: string, entry: Entry): StampedArticle => ({
    id: entry.id,
    documentId: entry.documentId,
    externalId,
    updatedAt: entry.updatedAt,
    stamp: parseStamp(entry.stamp),
  });

  /** Indexes one draft's slug, story and headline (the first with a headline keeps it). */
  const index = (externalId: string, entry: Entry, storyKey: string | null) => {
    if (entry.slug !== undefined) slugs.add(entry.slug);
    if (storyKey !== null) stories.set(storyKey, externalId);
    if (entry.title === undefined) return;
    const key = titleKey(entry.title);
    if (!titles.has(key) && entry.documentId !== null) titles.set(key, entry.documentId);
  };

  const catalog = {
    stampOf: (externalId: string): StampedArticle | null => {
      const entry = entries.get(externalId);
      return entry ? stamped(externalId, entry) : null;
    },

    /**
     * Claims an external id for a file (or pushed capture) of this run, the first to do so wins:
     * answers the label of the one that did before, else the id's draft (or null). One lookup
     * per file, the claim kept on the draft's entry: a map of claims beside the catalog, and a
     * lookup for each question asked of a draft, were a third of an unchanged re-import's loop.
     */
    claim(externalId: string, label: string): Claim {
      const entry = entries.get(externalId);
      const earlier = claimOf(externalId, entry);
      if (earlier !== null) return earlier;
      // A new article's claim stays in `claims` when the run reserves it an entry.
      if (entry === undefined) {
        claims.set(externalId, label);
        return null;
      }
      entry.claimedBy = label;
      return entry;
    },

    /**
     * The stamp flags of a draft no editor saved since the import wrote it from the file
     * `fileStamp` names, in this format (see sameFileFlags); -1 for any other. Reads the stamp
     * in place: nothing is made per file.
     */
    sameFileFlags: (draft: CatalogDraft, fileStamp: string): number => sameFileFlags(draft.stamp, IMPORT_FORMAT_VERSION, draft.updatedAt, fileStamp),

    /** Loads the rest (headlines, slugs, sections, sources), once per run. */
    async complete() {
      if (completed) return;
      const { query, column } = articleTable(strapi);
      // Columns that come before the body in a row: the body's bytes are not read.
      const rows = query()
        .select({ id: 'id', documentId: column('documentId'), title: column('title'), slug: column('slug') })
        .whereNull(column('publishedAt'));
      const externalIdOf = new Map<number, string>();
      entries.forEach((entry, externalId) => externalIdOf.set(entry.id, externalId));
      const found: string[] = [];
      await forEachRow<{ id: number; documentId: string; title: string; slug: string }>(strapi, rows, (row) => {
        const externalId = externalIdOf.get(Number(row.id));
        const entry = externalId === undefined ? undefined : entries.get(externalId);
        if (!entry) return;
        entry.documentId = row.documentId;
        entry.title = row.title;
        entry.slug = row.slug;
        found.push(externalId!);
      });
      externalIdOf.clear();
      found.sort();
      for (const externalId of found) {
        const entry = entries.get(externalId)!;
        index(externalId, entry, parseStamp(entry.stamp)?.storyKey ?? null);
      }

      const sections = await strapi.db.query(SECTION_UID).findMany({ select: ['id', 'documentId', 'name', 'slug'] });
      for (const section of sections as StoredNamed[]) named.section.set(section.slug, section);
      const sources = await strapi.db.query(SOURCE_UID).findMany({ select: ['id', 'documentId', 'name', 'slug'] });
      for (const source of sources as StoredNamed[]) named.source.set(sourceKey(source.name), source);
      completed = true;
    },

    /** The draft of this external id (after `complete`). */
    article: (externalId: string): StoredArticle | null => {
      const entry = entries.get(externalId);
      // Complete: every draft has its documentId then.
      if (entry?.title === undefined || entry.slug === undefined || entry.documentId === null) return null;
      return { ...stamped(externalId, entry), documentId: entry.documentId, title: entry.title, slug: entry.slug };
    },

    /** The external id of the article holding this story, if any. */
    storyHolder: (storyKey: string): string | null => stories.get(storyKey) ?? null,

    /** A slug for a new article that no other article has. */
    freeSlug: (title: string, externalId: string) => uniqueSlug(articleSlug(title, externalId), slugs),

    /** The article a related link with this headline points at (never the link's own article). */
    targetFor(title: string, ownDocumentId: string | undefined): string | null {
      const target = titles.get(titleKey(title));
      return target && target !== ownDocumentId ? target : null;
    },

    named: (kind: NamedKind, key: string): StoredNamed | null => named[kind].get(key) ?? null,
    namedSlugs: (kind: NamedKind) => new Set([...named[kind].values()].map((entry) => entry.slug)),
    /** A section or source a committed write created. */
    addNamed(kind: NamedKind, key: string, entry: StoredNamed) {
      named[kind].set(key, entry);
    },

    /** The run's memo of each section's (source's) last article order value, for the join rows it writes. */
    articleOrds: (kind: NamedKind) => lastArticleOrd[kind],

    /**
     * Adds or refreshes one article (after a write). Without its stamp: a run decides about an
     * external id once (the importer refuses a second entry with it), so nothing of this run
     * asks for the stamp of a draft it wrote, and at 100,000 writes the stamps' text was 13 MB.
     */
    remember(article: StoredArticle) {
      const { id, documentId, externalId, updatedAt, stamp, title, slug } = article;
      const entry: Entry = { id, documentId, updatedAt, stamp: null, claimedBy: entries.get(externalId)?.claimedBy ?? null, title, slug };
      entries.set(externalId, entry);
      index(externalId, entry, stamp?.storyKey ?? null);
    },

    /** A new article's place — slug, story, headline — taken before its write, so that later captures see it. */
    reserve(article: StoredArticle, storyKey: string) {
      catalog.remember(article);
      stories.set(storyKey, article.externalId);
    },

    /** A dry run's new article: later captures of the run see its slug and story, as in a real run. */
    reserveDry(slug: string, storyKey: string, externalId: string) {
      slugs.add(slug);
      stories.set(storyKey, externalId);
    },

    /** Gives back a place `reserve` took, when the article's write failed. */
    forget(article: StoredArticle, storyKey: string) {
      if (entries.get(article.externalId)?.documentId === article.documentId) entries.delete(article.externalId);
      slugs.delete(article.slug);
      if (stories.get(storyKey) === article.externalId) stories.delete(storyKey);
      const key = titleKey(article.title);
      if (titles.get(key) === article.documentId) titles.delete(key);
    },

    /** Stored articles' external ids that no entry of this run claimed, among those an import made. */
    missing: () => {
      const missing: string[] = [];
      // forEach, not for…of: an entry array per draft was most of what this made.
      entries.forEach((entry, externalId) => {
        if (claimOf(externalId, entry) === null && isStamp(entry.stamp)) missing.push(externalId);
      });
      return missing.sort();
    },
  };
  return catalog;
};

export type Catalog = Awaited<ReturnType<typeof loadCatalog>>;
