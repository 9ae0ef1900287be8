import type { Core } from '@strapi/strapi';
import { IMPORT_FORMAT_VERSION } from '../constants';
import type { ArticleFields } from '../plan/fields';
import { planArticleWrite } from '../plan/plan-article';
import type { ImportState } from '../plan/state';
import { getService } from '../utils';
import type { Catalog, StoredArticle } from './catalog';
import { needsDocumentService, type ArticleUpdate } from './article-updates';
import { addToCounts, subtractFromCounts, type ReportCounts, type ReportItem } from './report';

/** A changed capture of a stored article, parsed, waiting to be planned and written with others. */
export interface PendingUpdate {
  existing: StoredArticle;
  desired: ArticleFields;
  /** The import state to store, but for what planning decides (field hashes, conflicts, write time). */
  state: Omit<ImportState, 'writtenAt' | 'fields' | 'conflicts'>;
  /** Reported as `updated` until planning says otherwise. */
  item: ReportItem;
}

/**
 * Changed captures of stored articles wait here and are planned and written a batch at a
 * time: their drafts read together (services/draft-snapshots), each planned field by field as
 * before (editors' fields kept), then written together (services/article-updates). A batch
 * that fails is written again one article at a time, so one bad article fails alone. A write
 * that changes an article's section or sources goes through the Document Service, alone.
 */
export const createUpdateBatch = (
  strapi: Core.Strapi,
  { catalog, counts, options, before }: {
    catalog: Catalog;
    counts: ReportCounts;
    options: { dryRun: boolean; publish: boolean; force: boolean };
    /** Runs before a batch is written (new articles first: links may target them). */
    before: () => Promise<void>;
  }
) => {
  let waiting: PendingUpdate[] = [];
  const catalogs = () => getService(strapi, 'catalog');

  const report = (entry: PendingUpdate, fields: Partial<ReportItem>) => {
    subtractFromCounts(counts, entry.item);
    Object.assign(entry.item, fields);
    addToCounts(counts, entry.item);
  };
  const failed = (entry: PendingUpdate, error: Error) =>
    report(entry, { outcome: 'failed', documentId: null, error: `${entry.item.file}: could not be saved: ${error.message}` });

  const writeTogether = async (writes: Array<ArticleUpdate & { entry: PendingUpdate }>) => {
    const updates = getService(strapi, 'article-updates');
    try {
      for (const article of await updates.updateArticles(catalog, writes)) catalogs().remember(catalog, article);
      return;
    } catch (error) {
      if (writes.length === 1) return failed(writes[0].entry, error as Error);
    }
    for (const write of writes) {
      try {
        const [article] = await updates.updateArticles(catalog, [write]);
        catalogs().remember(catalog, article);
      } catch (error) {
        failed(write.entry, error as Error);
      }
    }
  };

  const flush = async () => {
    if (waiting.length === 0) return;
    const batch = waiting;
    waiting = [];
    await before();
    const snapshots = await getService(strapi, 'draft-snapshots').load(catalog, batch.map((entry) => entry.existing));
    const together: Array<ArticleUpdate & { entry: PendingUpdate }> = [];
    const alone: Array<{ entry: PendingUpdate; request: ArticleUpdate['request'] }> = [];
    for (const entry of batch) {
      const snapshot = snapshots.get(entry.existing.id);
      if (!snapshot) {
        failed(entry, new Error('its draft is no longer stored'));
        continue;
      }
      const plan = planArticleWrite({ desired: entry.desired, current: snapshot.current, lastWritten: snapshot.state?.fields ?? null, force: options.force });
      const state = { ...entry.state, conflicts: plan.conflicts };
      if (plan.action === 'unchanged') {
        report(entry, { outcome: 'unchanged', conflicts: plan.conflicts });
        const known = entry.existing.stamp;
        if (!options.dryRun && (!known || known.rawHash !== state.rawHash || known.version !== IMPORT_FORMAT_VERSION)) {
          // Same content from different bytes (re-saved with CRLF, say): remember the bytes only.
          await getService(strapi, 'writer').rememberState(entry.existing, { ...state, fields: plan.fields, writtenAt: snapshot.state?.writtenAt ?? entry.existing.updatedAt });
          catalogs().remember(catalog, entry.existing);
        }
        continue;
      }
      report(entry, { conflicts: plan.conflicts });
      if (options.dryRun) continue;
      const request = { externalId: entry.existing.externalId, slug: entry.existing.slug, existing: entry.existing, plan, state, publish: options.publish };
      if (needsDocumentService(plan.write)) alone.push({ entry, request });
      else together.push({ request, snapshot, entry });
    }
    await writeTogether(together);
    for (const { entry, request } of alone) {
      try {
        catalogs().remember(catalog, await getService(strapi, 'writer').updateArticle(catalog, request));
      } catch (error) {
        failed(entry, error as Error);
      }
    }
  };

  return {
    add(entry: PendingUpdate) {
      waiting.push(entry);
      return entry.item;
    },
    full: (size: number) => waiting.length >= size,
    flush,
  };
};
