import { IMPORT_FORMAT_VERSION } from '../constants';
import type { ArticleFields } from '../plan/fields';
import { conflictStateChanged } from '../plan/conflicts';
import { planArticleWrite } from '../plan/plan-article';
import type { ImportState } from '../plan/state';
import { needsDocumentService, type ArticleUpdate } from '../store/article-updates';
import type { StoredArticle } from '../store/catalog';
import type { RunStore } from '../store/run-store';
import { describeError } from '../utils/db-error';
import { addToCounts, subtractFromCounts, type ReportCounts, type ReportItem } from './report';

/** A changed capture of a stored article, parsed, waiting to be planned and written with others. */
export interface PendingUpdate {
  existing: StoredArticle;
  desired: ArticleFields;
  /** The import state to store, but for what planning decides (field hashes, conflicts, write time). */
  state: Omit<ImportState, 'writtenAt' | 'fields' | 'conflicts' | 'captured' | 'kept'>;
  /** Reported as `updated` until planning says otherwise. */
  item: ReportItem;
  /** How reports name the capture (its file, or a pushed capture's external id). */
  label: string;
}

/**
 * Changed captures of stored articles wait here and are planned and written a batch at a
 * time: their drafts read together (store/draft-snapshots), each planned field by field as
 * before (editors' fields kept), then written together (store/article-updates). A batch that
 * fails is written again one article at a time, so one bad article fails alone. A write that
 * changes an article's section or sources goes through the Document Service, alone.
 */
export const createUpdateBatch = ({ store, counts, options }: {
  store: RunStore;
  counts: ReportCounts;
  options: { dryRun: boolean; publish: boolean; force: boolean };
}) => {
  let waiting: PendingUpdate[] = [];

  const report = (entry: PendingUpdate, fields: Partial<ReportItem>) => {
    subtractFromCounts(counts, entry.item);
    Object.assign(entry.item, fields);
    addToCounts(counts, entry.item);
  };
  const failed = (entry: PendingUpdate, error: Error) =>
    report(entry, { outcome: 'failed', documentId: null, error: `${entry.label}: could not be saved: ${describeError(error)}` });

  const writeTogether = async (writes: Array<ArticleUpdate & { entry: PendingUpdate }>) => {
    if (writes.length === 0) return;
    try {
      await store.updateMany(writes);
      return;
    } catch (error) {
      if (writes.length === 1) return failed(writes[0].entry, error as Error);
    }
    for (const write of writes) await store.updateMany([write]).catch((error: Error) => failed(write.entry, error));
  };

  const flush = async () => {
    if (waiting.length === 0) return;
    const batch = waiting;
    waiting = [];
    const snapshots = await store.snapshots(batch.map((entry) => entry.existing));
    const together: Array<ArticleUpdate & { entry: PendingUpdate }> = [];
    const alone: Array<{ entry: PendingUpdate; request: ArticleUpdate['request'] }> = [];
    for (const entry of batch) {
      const snapshot = snapshots.get(entry.existing.id);
      if (!snapshot) {
        failed(entry, new Error('its draft is no longer stored'));
        continue;
      }
      const lastState = snapshot.state ?? null;
      const plan = planArticleWrite({ desired: entry.desired, current: snapshot.current, lastWritten: lastState?.fields ?? null, kept: lastState?.kept, force: options.force });
      const state = { ...entry.state, conflicts: plan.conflicts, captured: plan.captured, kept: plan.kept };
      if (plan.action === 'unchanged') {
        report(entry, { outcome: 'unchanged', conflicts: plan.conflicts });
        const known = entry.existing.stamp;
        const restate = !known || known.rawHash !== state.rawHash || known.version !== IMPORT_FORMAT_VERSION || conflictStateChanged(lastState, plan);
        if (!options.dryRun && restate) {
          // Same content from different bytes (re-saved with CRLF, say), or other open conflicts: remember that only.
          await store.rememberState(entry.existing, { ...state, fields: plan.fields, writtenAt: snapshot.state?.writtenAt ?? entry.existing.updatedAt });
        }
        continue;
      }
      report(entry, { conflicts: plan.conflicts });
      if (options.dryRun) continue;
      const request = { externalId: entry.existing.externalId, slug: entry.existing.slug, existing: entry.existing, plan, state, publish: options.publish };
      if (needsDocumentService(plan.write)) alone.push({ entry, request });
      else together.push({ request, snapshot, entry });
    }
    // Written while the run parses the next captures, where the database allows (see run-store's inTurn).
    await store.inTurn(async () => {
      await writeTogether(together);
      for (const { entry, request } of alone) await store.update(request).catch((error: Error) => failed(entry, error));
    });
  };

  return {
    add(entry: PendingUpdate): ReportItem {
      waiting.push(entry);
      return entry.item;
    },
    full: (size: number) => waiting.length >= size,
    flush,
  };
};
