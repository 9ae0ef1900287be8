import type { Core } from '@strapi/strapi';
import type { ImportState } from '../plan/state';
import { getService } from '../utils';
import { newDocumentId } from '../utils/document-id';
import { batchSizesFor } from './batch-sizes';
import { loadCatalog, loadStates, type CatalogDraft, type StampedArticle, type StoredArticle } from './catalog';
import type { ArticleUpdate } from './article-updates';
import type { DraftSnapshot } from './draft-snapshots';
import type { ArticleWrite } from './writer';

/** A new article waiting for its batch; `onFailed` hears if it could not be saved. */
interface PendingCreate {
  request: ArticleWrite & { documentId: string };
  provisional: StoredArticle;
  storyKey: string;
  onFailed: (error: Error) => void;
}

/**
 * What one run knows of what is stored and how it writes: the catalog (see loadCatalog), the
 * batch of new articles waiting to be written, and every write. The importer asks and tells
 * through these methods; the catalog's state changes here and nowhere else.
 */
export const openRunStore = async (strapi: Core.Strapi) => {
  const catalog = await loadCatalog(strapi);
  /**
   * New articles written per transaction (see batch-sizes: one commit per article costs more
   * than the article's own inserts; a batch shares it), and whether a batch is written while the
   * run goes on (see inTurn).
   */
  const { create: createBatch, overlapWrites } = batchSizesFor(strapi);
  const writer = () => getService(strapi, 'writer');
  let waiting: PendingCreate[] = [];
  /** Whether this run wrote a headline: only a new one can give a stored link its target. */
  let headlinesWritten = false;

  const failed = (entry: PendingCreate, error: Error) => {
    catalog.forget(entry.provisional, entry.storyKey);
    entry.onFailed(error);
  };

  /**
   * Writes a batch of new articles in one transaction. When that fails, each is written again
   * on its own: one that fails again leaves the catalog and its `onFailed` is told; the others
   * are created.
   */
  const writeBatch = async (batch: PendingCreate[]) => {
    try {
      for (const article of await writer().createArticles(catalog, batch.map((entry) => entry.request))) catalog.remember(article);
      return;
    } catch (error) {
      if (batch.length === 1) {
        failed(batch[0], error as Error);
        return;
      }
    }
    for (const entry of batch) {
      try {
        const [article] = await writer().createArticles(catalog, [entry.request]);
        catalog.remember(article);
      } catch (error) {
        failed(entry, error as Error);
      }
    }
  };

  /**
   * The last write queued: every write waits for the one before it, so writes keep the
   * captures' order. On a server database (see batch-sizes) the run goes on reading and parsing
   * while they go, its batch's round trips waiting on the database while this process has work
   * to do.
   */
  let writing: Promise<void> = Promise.resolve();
  /**
   * Writes under way or waiting for their turn, oldest first (server databases only). With one
   * write at a time and the run waiting for it before queueing the next, the run waited for the
   * database a third of a cold import of 10,000 on PostgreSQL (a batch's parse and its write take
   * about as long, and either may be the slower one); with two queued it waits only when the
   * database is the slower one on the whole. Each waiting batch holds its parsed captures.
   */
  const queued: Array<Promise<void>> = [];
  const WRITES_QUEUED = 2;

  /** Runs `write` once the write before it is done; with overlap, returns once it is queued. */
  const inTurn = async (write: () => Promise<void>) => {
    if (!overlapWrites) {
      await writing;
      writing = write();
      // Seen by whoever waits for it next (a rejection is an unexpected error: it ends the run).
      writing.catch(() => {});
      await writing;
      return;
    }
    // A rejection of a queued write is an unexpected error: it ends the run here.
    while (queued.length >= WRITES_QUEUED) await queued[0];
    const mine = writing.then(write);
    writing = mine;
    queued.push(mine);
    // Writes end in the order they were queued (each waits for the one before).
    const done = () => void queued.shift();
    mine.then(done, done);
  };

  /** Writes the waiting new articles now: for a caller whose turn it is. */
  const writeWaiting = async () => {
    if (waiting.length === 0) return;
    const batch = waiting;
    waiting = [];
    await writeBatch(batch);
  };

  /** Every write done, the waiting new articles included: before a write out of turn, and at the end of a run. */
  const drain = async () => {
    await inTurn(writeWaiting);
    await writing;
  };

  return {
    stampOf: (externalId: string): StampedArticle | null => catalog.stampOf(externalId),
    sameFileFlags: (draft: CatalogDraft, fileStamp: string) => catalog.sameFileFlags(draft, fileStamp),
    /** Loads what deciding about a changed or new capture needs (once per run). */
    complete: () => catalog.complete(),
    article: (externalId: string) => catalog.article(externalId),
    storyHolder: (storyKey: string) => catalog.storyHolder(storyKey),
    freeSlug: (title: string, externalId: string) => catalog.freeSlug(title, externalId),
    claim: (externalId: string, label: string) => catalog.claim(externalId, label),
    missing: () => catalog.missing(),

    statesOf: (ids: number[]) => loadStates(strapi, ids),

    /** A dry run's new article: later captures see its slug and story, and nothing is written. */
    reserveDry: (slug: string, storyKey: string, externalId: string) => catalog.reserveDry(slug, storyKey, externalId),

    /**
     * A new article, written with the next batch (see flush). Later captures already see its
     * slug, story and headline. Returns the documentId it will have.
     */
    queueCreate(request: ArticleWrite, storyKey: string, title: string, onFailed: (error: Error) => void): string {
      headlinesWritten = true;
      const documentId = newDocumentId();
      const provisional: StoredArticle = { id: 0, documentId, externalId: request.externalId, title, slug: request.slug, updatedAt: 0, stamp: null };
      catalog.reserve(provisional, storyKey);
      waiting.push({ request: { ...request, documentId }, provisional, storyKey, onFailed });
      return documentId;
    },

    /** Whether enough new articles wait for a batch (a plain check: an unchanged capture costs no promise). */
    batchFull: () => waiting.length >= createBatch,

    /** Starts writing the waiting new articles, in turn: these, not those that join the waiting list meanwhile. */
    flush() {
      const batch = waiting;
      waiting = [];
      return inTurn(() => writeBatch(batch));
    },
    drain,
    inTurn,

    /** Waits for the write under way, if any, without its outcome: a run that stops must not leave one behind. */
    idle: () => writing.catch(() => {}),

    /**
     * Updates an article (after the waiting new ones, so that writes keep the captures' order).
     * Called in turn (see inTurn).
     */
    async update(request: ArticleWrite & { existing: StoredArticle }): Promise<StoredArticle> {
      if ('title' in request.plan.write) headlinesWritten = true;
      await writeWaiting();
      const stored = await writer().updateArticle(catalog, request);
      catalog.remember(stored);
      return stored;
    },

    /** A changed capture of a stored article, waiting for its batch: later captures see its story now. */
    claimStory: (article: StoredArticle, storyKey: string) => catalog.reserveDry(article.slug, storyKey, article.externalId),

    /** What planning the updates of these articles needs, read together (see draft-snapshots). */
    async snapshots(articles: StoredArticle[]): Promise<Map<number, DraftSnapshot>> {
      await writing;
      return getService(strapi, 'draft-snapshots').load(articles);
    },

    /**
     * Updates these articles together, in one transaction (see article-updates), after the
     * waiting new ones: links may target them. Called in turn (see inTurn).
     */
    async updateMany(updates: ArticleUpdate[]): Promise<StoredArticle[]> {
      if (updates.some(({ request }) => 'title' in request.plan.write)) headlinesWritten = true;
      await writeWaiting();
      const stored = await getService(strapi, 'article-updates').updateArticles(catalog, updates);
      for (const article of stored) catalog.remember(article);
      return stored;
    },

    /** Same content from other bytes: only the import state changes. */
    async rememberState(article: StoredArticle, state: ImportState) {
      await drain();
      catalog.remember(await writer().rememberState(article, state));
    },

    /**
     * Ends the run's writes: the waiting articles, then links whose target arrived in this run —
     * looked for only when the run wrote a headline (the search reads every link without a
     * target: a run that only changed Explore lists over a large archive would pay it for nothing).
     */
    async finish(wrote: boolean) {
      await drain();
      if (wrote && headlinesWritten) await writer().resolvePendingTargets(catalog);
    },
  };
};

export type RunStore = Awaited<ReturnType<typeof openRunStore>>;
