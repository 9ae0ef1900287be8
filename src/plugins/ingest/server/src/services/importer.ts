import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { IMPORT_FORMAT_VERSION } from '../constants';
import { fieldsFromParsed, type ArticleFields } from '../plan/fields';
import { hashText, hashValue } from '../plan/hash';
import { planArticleWrite } from '../plan/plan-article';
import { conflictStateChanged } from '../plan/conflicts';
import { STAMP_CONFLICTS, type ImportStamp } from '../plan/state';
import { SPACING } from '../parse/text';
import { captureFailed, parseCaptureBytes } from '../read';
import type { CaptureSource, SourceEntry } from '../sources';
import { batchSizesFor } from '../store/batch-sizes';
import type { RunStore } from '../store/run-store';
import type { ArticleWrite } from '../store/writer';
import { getIngestConfig } from '../config/read';
import { getService } from '../utils';
import { titleKey } from '../utils/titles';
import { createUpdateBatch } from './update-batch';
import { addToCounts, emptyCounts, subtractFromCounts, type ImportReport, type ReportCounts, type ReportItem, type Trigger } from './report';
import { describeError } from '../utils/db-error';
import { assertDatabaseFile, databaseFileOf } from '../store/database-file';

export interface RunOptions {
  trigger: Trigger;
  /** Who started it, when the trigger says only what (an API token's name); shown in the run log. */
  actor?: string | null;
  /** Where the captures come from (sources/: a folder, a push). */
  source: CaptureSource;
  dryRun?: boolean;
  publish?: boolean;
  force?: boolean;
  /** How long to wait for another import's lock (default: the config's `lockWaitMs`). */
  lockWaitMs?: number;
  onProgress?: (progress: { done: number; total: number; counts: ReportCounts; file: string }) => void;
  /** Called once the lock is held and the run recorded (not for dry runs, which record nothing). */
  onStart?: (runId: string) => void;
}

interface RunContext {
  store: RunStore;
  source: CaptureSource;
  counts: ReportCounts;
  /** Unchanged items whose article's state lists warnings or conflicts, to fill in after the loop. */
  noted: Array<{ id: number; item: ReportItem }>;
  /** Changed captures of stored articles waiting to be planned and written together. */
  updates: ReturnType<typeof createUpdateBatch>;
  options: Required<Pick<RunOptions, 'dryRun' | 'publish' | 'force'>>;
  /** The run's record, named in every import state it writes; none for a dry run. */
  runId: string | null;
}

type Fail = (error: string, warnings?: string[]) => ReportItem;

const HEARTBEAT_MS = 5_000;
/**
 * Reads and SQLite calls are synchronous: the loop lets the server answer its requests every
 * few ms. Where a batch is written while the run parses the next captures (a server database,
 * see batch-sizes), it lets the database's answers in after every capture it read instead:
 * each of a write's statements waited for the loop's next yield, up to 10 ms a round trip, and
 * the chain of writes, not parsing, set a run's pace (PostgreSQL, 2,000 new captures: writes
 * 166 ms a batch against ~75 ms of the server's own time).
 */
const YIELD_EVERY_MS = 10;
/** An entry answered without a read takes a few microseconds: the clock is read every so many of them. */
const QUICK_BETWEEN_CLOCKS = 64;

/** How reports and errors name an entry: its file, or a pushed capture's external id. */
const labelOf = (entry: SourceEntry) => entry.name ?? entry.externalId;

/**
 * Shared by every item that has none: a run holds an item per file (100,000 at archive scale),
 * and two empty arrays each were a third of an unchanged item's memory. Frozen: an item's
 * lists are replaced, never added to.
 */
const NO_WARNINGS: string[] = Object.freeze([]) as unknown as string[];
const NO_CONFLICTS: ReportItem['conflicts'] = Object.freeze([]) as unknown as ReportItem['conflicts'];

/** An unchanged entry's item, made as one object: most items of a re-import are these. */
const unchangedItem = (entry: SourceEntry, documentId: string | null): ReportItem => ({
  file: entry.name,
  externalId: entry.externalId,
  outcome: 'unchanged',
  documentId,
  warnings: NO_WARNINGS,
  conflicts: NO_CONFLICTS,
  error: null,
});

const item = (entry: SourceEntry, fields: Partial<ReportItem>): ReportItem => {
  const made = Object.assign(unchangedItem(entry, null), fields);
  if (made.warnings.length === 0) made.warnings = NO_WARNINGS;
  return made;
};

/** Headline, date and body: the same story captured from two hosts has the same key. */
const storyKeyOf = (fields: ArticleFields) =>
  hashValue([titleKey(fields.title), fields.publicationDate, fields.body.map((block) => block.text.replace(SPACING, ' '))]);

/**
 * The item of an entry whose draft stands as the import last wrote it. When that write left
 * warnings or conflicts (`noted`), they still stand: read with the others after the loop.
 */
const unchangedAnswer = (context: RunContext, entry: SourceEntry, draft: { id: number; documentId: string | null }, noted: boolean): ReportItem => {
  const answer = unchangedItem(entry, draft.documentId);
  if (noted) context.noted.push({ id: draft.id, item: answer });
  return answer;
};

const createImporterService = ({ strapi }: { strapi: Core.Strapi }) => {
  /**
   * Read → parse → plan → apply for one entry. Never throws: a bad capture is a failed item.
   * What needs no read — a repeated external id, an entry whose fingerprint is that of its last
   * import — is answered at once, not through a promise: that is every file of an unchanged
   * folder.
   */
  const importEntry = (context: RunContext, entry: SourceEntry): ReportItem | Promise<ReportItem> => {
    const { store, options } = context;
    const claim = store.claim(entry.externalId, labelOf(entry));
    if (typeof claim === 'string') {
      const error = `${labelOf(entry)}: external id "${entry.externalId}" is also the name of ${claim}; one article per external id, the first file wins`;
      return item(entry, { outcome: 'failed', error });
    }

    // The same fingerprint (a file's size and modification time) as when the import last wrote
    // the draft, which no editor saved since: not even read. Asked of the stamp's text in place
    // (most files of a re-import), before anything is made for the file.
    if (claim !== null && entry.fingerprint !== null) {
      const flags = store.sameFileFlags(claim, entry.fingerprint);
      if (flags >= 0 && !(options.force && flags & STAMP_CONFLICTS)) return unchangedAnswer(context, entry, claim, flags !== 0);
    }

    // A copied or touched file is read and compared by its bytes.
    const fail: Fail = (error, warnings = []) => item(entry, { outcome: 'failed', error, warnings });
    const stamped = store.stampOf(entry.externalId);
    const stamp = stamped?.stamp ?? null;
    // No editor save since the last write, and no editor value that --force would replace.
    const untouchedSinceWrite =
      stamp !== null && stamp.version === IMPORT_FORMAT_VERSION && stamped!.updatedAt === stamp.writtenAt && !(options.force && stamp.hasConflicts);
    return readAndApply(context, entry, {
      stamp: untouchedSinceWrite ? stamp : null,
      fail,
      unchanged: () => unchangedAnswer(context, entry, stamped!, stamp!.hasWarnings || stamp!.hasConflicts),
    });
  };

  /** The rest of importEntry, for an entry that has to be read. `stamp` is set when no editor saved since the last import. */
  const readAndApply = async (
    context: RunContext,
    entry: SourceEntry,
    { stamp, fail, unchanged }: { stamp: ImportStamp | null; fail: Fail; unchanged: () => ReportItem }
  ): Promise<ReportItem> => {
    const { store, options } = context;
    const { externalId } = entry;
    const label = labelOf(entry);
    const read = await context.source.read(entry);
    if (!read.ok) return fail(captureFailed(label, read.reason).reason);
    const rawHash = hashText(read.bytes);
    if (stamp !== null && stamp.rawHash === rawHash) return unchanged();

    // The same function as `npm run parse`: a preview says what this import does.
    const parsed = parseCaptureBytes(read.bytes, label);
    if (parsed.outcome === 'failed') return fail(parsed.reason, parsed.warnings);

    const warnings = [...parsed.warnings];
    const desired = fieldsFromParsed(parsed.article);

    // From here on the run needs all it knows of what is stored.
    await store.complete();
    const existing = store.article(externalId);
    const storyKey = storyKeyOf(desired);
    const stateBase = { version: IMPORT_FORMAT_VERSION, rawHash, fileStamp: entry.fingerprint, storyKey, file: entry.name, warnings, runId: context.runId ?? undefined };

    if (existing) {
      // Planned and written with the next batch of changed captures (see update-batch).
      store.claimStory(existing, storyKey);
      const pending = item(entry, { outcome: 'updated', documentId: existing.documentId, warnings });
      return context.updates.add({ existing, desired, state: stateBase, item: pending, label });
    }

    const original = store.storyHolder(storyKey);
    if (original !== null && original !== externalId) {
      return item(entry, {
        outcome: 'duplicate',
        documentId: store.article(original)?.documentId ?? null,
        warnings: [...warnings, `same story (headline, date and body) as ${original}, already imported: not created again`],
      });
    }

    const plan = planArticleWrite({ desired, current: null, lastWritten: null, force: options.force });
    const slug = store.freeSlug(desired.title, externalId);
    if (options.dryRun) {
      // Later captures of this dry run must see this one's slug and story, as a real run would.
      store.reserveDry(slug, storyKey, externalId);
      return item(entry, { outcome: 'created', warnings });
    }

    const request: ArticleWrite = { externalId, slug, existing: null, plan, state: { ...stateBase, conflicts: [] }, publish: options.publish };
    // Written with the next batch; if that fails, this item (already counted) becomes a failure.
    const created = item(entry, { outcome: 'created', warnings });
    created.documentId = store.queueCreate(request, storyKey, desired.title, (error) => {
      subtractFromCounts(context.counts, created);
      Object.assign(created, { outcome: 'failed', documentId: null, error: `${label}: could not be saved: ${describeError(error)}` });
      addToCounts(context.counts, created);
    });
    return created;
  };

  /** Every entry of the source, in order, then what the loop left to finish. */
  const importAll = async (source: CaptureSource, options: RunContext['options'], runId: string | null, onProgress: RunOptions['onProgress'], heartbeat: () => void) => {
    // Together: a folder is listed in a worker thread while this one loads the catalog.
    const [entries, store] = await Promise.all([source.list(), getService(strapi, 'store').open()]);
    const items: ReportItem[] = [];
    const counts = emptyCounts();
    // Changed captures planned and written per batch (see batch-sizes): their drafts are read in
    // a few queries per batch, and most of an update's cost was those reads and the statements.
    const { update: updateBatch, overlapWrites } = batchSizesFor(strapi);
    const yieldEveryMs = overlapWrites ? 0 : YIELD_EVERY_MS;
    const context: RunContext = { store, source, counts, updates: createUpdateBatch({ store, counts, options }), noted: [], options, runId };

    let lastYield = Date.now();
    /** Entries answered at once since the clock was last read: reading it for each was a tenth of an unchanged run. */
    let quick = 0;
    try {
      // A part at a time, as the source has them (a folder's listing arrives in parts).
      for await (const part of entries.parts()) {
        for (const entry of part) {
          const answer = importEntry(context, entry);
          const waited = answer instanceof Promise;
          const done = waited ? await answer : answer;
          items.push(done);
          addToCounts(counts, done);
          if (store.batchFull()) await store.flush();
          if (context.updates.full(updateBatch)) await context.updates.flush();
          onProgress?.({ done: items.length, total: entries.length, counts: { ...counts }, file: labelOf(entry) });
          if (!waited && ++quick < QUICK_BETWEEN_CLOCKS) continue;
          quick = 0;
          heartbeat();
          if (Date.now() - lastYield >= yieldEveryMs) {
            await new Promise((resolve) => setImmediate(resolve));
            lastYield = Date.now();
          }
        }
      }
      // A batch that failed at the end turns its items into failures: count after it.
      await context.updates.flush();
      await store.drain();
      const wrote = items.some((entry) => entry.outcome === 'created' || entry.outcome === 'updated');
      await store.finish(wrote && !options.dryRun);
    } finally {
      // A run that stops (a lost lock, an error) leaves no write under way behind its lock.
      await store.idle();
    }

    if (context.noted.length > 0) {
      const states = await store.statesOf(context.noted.map((entry) => entry.id));
      for (const { id, item: entry } of context.noted) {
        subtractFromCounts(counts, entry);
        entry.warnings = states.get(id)?.warnings ?? [];
        entry.conflicts = states.get(id)?.conflicts ?? [];
        addToCounts(counts, entry);
      }
    }
    return { items, counts, missing: source.complete ? store.missing() : [] };
  };

  return {
    /**
     * One import of a source: takes the database lock (unless a dry run, which writes nothing
     * at all), records the run, and reports every entry's outcome. Throws when the run cannot
     * start (source unreadable, lock busy); a bad capture is only a failed item.
     */
    async run(options: RunOptions): Promise<ImportReport> {
      const config = getIngestConfig(strapi);
      const { source } = options;
      const dryRun = options.dryRun ?? false;
      const flags = { dryRun, publish: options.publish ?? false, force: options.force ?? false };
      const startedAt = new Date().toISOString();

      if (dryRun) {
        const { items, counts, missing } = await importAll(source, flags, null, options.onProgress, () => {});
        return { runId: null, startedAt, finishedAt: new Date().toISOString(), dryRun, counts, items, missing };
      }

      const lockService = getService(strapi, 'lock');
      const runsService = getService(strapi, 'runs');
      const lock = await lockService.acquire({
        holder: lockService.newHolderId(),
        leaseMs: config.lockLeaseMs,
        waitMs: options.lockWaitMs ?? config.lockWaitMs,
      });
      let runId: string | null = null;
      try {
        const databaseFile = databaseFileOf(strapi);
        await runsService.closeInterrupted();
        runId = await runsService.start({ trigger: options.trigger, actor: options.actor ?? null, dryRun, dir: source.location });
        options.onStart?.(runId);
        let lastBeat = Date.now();
        const heartbeat = () => {
          if (lock.lost) throw new errors.ApplicationError('The import lock was lost (this run stalled past its lease); stopping.');
          if (Date.now() - lastBeat < HEARTBEAT_MS) return;
          lastBeat = Date.now();
          assertDatabaseFile(databaseFile);
          void runsService.heartbeat(runId!).catch(() => {});
        };
        const { items, counts, missing } = await importAll(source, flags, runId, options.onProgress, heartbeat);
        // Its writes all succeeded, into a file that may no longer be the database's.
        assertDatabaseFile(databaseFile);
        const report: ImportReport = { runId, startedAt, finishedAt: new Date().toISOString(), dryRun, counts, items, missing };
        await runsService.finish(runId, report);
        return report;
      } catch (error) {
        if (runId) await runsService.fail(runId, describeError(error)).catch(() => {});
        throw error;
      } finally {
        await lock.release().catch((error: Error) => strapi.log.warn(`[ingest] could not release the import lock: ${(error as Error).message}`));
      }
    },
  };
};

export type ImporterService = ReturnType<typeof createImporterService>;
export default createImporterService;
