import { statSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { IMPORT_FORMAT_VERSION } from '../constants';
import { parseCapture } from '../parse';
import { externalIdOf } from '../parse/identity';
import { fieldsFromParsed, type ArticleFields } from '../plan/fields';
import { hashText, hashValue } from '../plan/hash';
import { planArticleWrite } from '../plan/plan-article';
import type { ImportStamp } from '../plan/state';
import { articleSlug } from '../plan/slug';
import { uniqueSlug } from '../plan/unique-slug';
import { checkFieldLimits } from '../plan/limits';
import { decodeCapture, listCaptures, readCaptureBytes } from '../read';
import { getIngestConfig } from '../config/read';
import { getService } from '../utils';
import { titleKey } from '../utils/titles';
import type { Catalog, StoredArticle } from './catalog';
import { createUpdateBatch } from './update-batch';
import type { ArticleWrite } from './writer';
import { addToCounts, emptyCounts, subtractFromCounts, type ImportReport, type ReportCounts, type ReportItem, type Trigger } from './report';
import { newDocumentId } from '../utils/document-id';

export interface RunOptions {
  trigger: Trigger;
  /** The folder to import; relative paths are from the app's root. Default: the config's `dir`. */
  dir?: string;
  dryRun?: boolean;
  publish?: boolean;
  force?: boolean;
  /** How long to wait for another import's lock (default: the config's `lockWaitMs`). */
  lockWaitMs?: number;
  onProgress?: (progress: { done: number; total: number; counts: ReportCounts; file: string }) => void;
  /** Called once the lock is held and the run recorded (not for dry runs, which record nothing). */
  onStart?: (runId: string) => void;
}

/** A new article planned and reported, written with the next batch (see CreateBatch). */
interface PendingCreate {
  request: ArticleWrite;
  item: ReportItem;
  provisional: StoredArticle;
}

type CreateBatch = { add(entry: PendingCreate): void; flush(): Promise<void> };

interface FileContext {
  catalog: Catalog;
  /** Unchanged items whose article's state lists warnings or conflicts, to fill in after the loop. */
  noted: Array<{ id: number; item: ReportItem }>;
  /** New articles waiting to be written together. */
  pending: CreateBatch;
  /** Changed captures of stored articles waiting to be planned and written together, after the new ones. */
  updates: ReturnType<typeof createUpdateBatch>;
  dir: string;
  seen: Map<string, string>;
  options: Required<Pick<RunOptions, 'dryRun' | 'publish' | 'force'>>;
  maxFileBytes: number;
}

const HEARTBEAT_MS = 5_000;
/**
 * New articles written per transaction. One commit per article costs more than the article's
 * own inserts; a batch shares it, and its inserts are multi-row. Kept small: the write lock is
 * held for a few milliseconds, and a batch waits so briefly that what it holds dies young in
 * V8's heap (at 50, a cold import of 10,000 captures peaked 130 MB higher, in garbage).
 */
const CREATE_BATCH = 10;
/**
 * Changed captures of stored articles planned and written per batch: their drafts are read in
 * a few queries per batch, and most of an update's cost is those reads and the statements.
 */
const UPDATE_BATCH = 25;
const YIELD_EVERY_MS = 10;

const item = (file: string, externalId: string, fields: Partial<ReportItem>): ReportItem => ({
  file,
  externalId,
  outcome: 'unchanged',
  documentId: null,
  warnings: [],
  conflicts: [],
  error: null,
  ...fields,
});

/** Size and modification time of a file, as one string; null when it cannot be read. */
const statStamp = (file: string): string | null => {
  try {
    const stats = statSync(file);
    return `${stats.size}:${stats.mtimeMs}`;
  } catch {
    return null;
  }
};

/** Headline, date and body: the same story captured from two hosts has the same key. */
const storyKeyOf = (fields: ArticleFields) =>
  hashValue([titleKey(fields.title), fields.publicationDate, fields.body.map((block) => block.text.replace(/\s+/g, ' '))]);

const createImporterService = ({ strapi }: { strapi: Core.Strapi }) => {
  const catalogs = () => getService(strapi, 'catalog');
  const writer = () => getService(strapi, 'writer');

  /**
   * New articles wait here and are written CREATE_BATCH at a time, in one transaction. When a
   * batch fails, each of its articles is written again on its own: one that fails again is
   * reported failed (its item and the counts change) and leaves the catalog; the others are
   * created. Items join the batch once counted.
   */
  const createBatch = (catalog: Catalog, counts: ReportCounts) => {
    let waiting: PendingCreate[] = [];
    const failed = ({ item: entry, provisional, request }: PendingCreate, error: Error) => {
      catalogs().forget(catalog, provisional, request.state.storyKey);
      subtractFromCounts(counts, entry);
      Object.assign(entry, { outcome: 'failed', documentId: null, error: `${entry.file}: could not be saved: ${error.message}` });
      addToCounts(counts, entry);
    };
    const flush = async () => {
      if (waiting.length === 0) return;
      const batch = waiting;
      waiting = [];
      try {
        for (const article of await writer().createArticles(catalog, batch.map((entry) => entry.request))) catalogs().remember(catalog, article);
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
          catalogs().remember(catalog, article);
        } catch (error) {
          failed(entry, error as Error);
        }
      }
    };
    return {
      add(entry: PendingCreate) {
        waiting.push(entry);
      },
      full: () => waiting.length >= CREATE_BATCH,
      flush,
    };
  };

  /**
   * Read → parse → plan → apply for one capture. Never throws: a bad file is a failed item.
   * What needs no read — a repeated external id, a file as it was at its last import — is
   * answered at once, not through a promise: that is every file of an unchanged folder.
   */
  const importFile = (context: FileContext, file: string): ReportItem | Promise<ReportItem> => {
    const { catalog, options } = context;
    const externalId = externalIdOf(file);
    const fail = (error: string, warnings: string[] = []) => item(file, externalId, { outcome: 'failed', error, warnings });

    const earlier = context.seen.get(externalId);
    if (earlier !== undefined) {
      return fail(`${file}: external id "${externalId}" is also the name of ${earlier}; one article per external id, the first file wins`);
    }
    context.seen.set(externalId, file);

    const stamped = catalog.stamps.get(externalId) ?? null;
    const stamp = stamped?.stamp ?? null;
    // No editor save since the last write, and no editor value that --force would replace.
    const untouchedSinceWrite =
      stamp !== null &&
      stamp.version === IMPORT_FORMAT_VERSION &&
      stamped!.updatedAt === stamp.writtenAt &&
      !(options.force && stamp.hasConflicts);
    const unchanged = () => {
      const entry = item(file, externalId, { documentId: stamped!.documentId });
      // The warnings and conflicts of the last write still stand: filled in after the loop.
      if (stamp!.hasWarnings || stamp!.hasConflicts) context.noted.push({ id: stamped!.id, item: entry });
      return entry;
    };

    const fullPath = path.join(context.dir, file);
    const fileStamp = statStamp(fullPath);
    // The file as it was (same size and modification time): not even read. A copied or touched
    // file is read and compared by its bytes instead.
    if (untouchedSinceWrite && fileStamp !== null && stamp!.fileStamp === fileStamp) return unchanged();
    return readAndApply(context, { file, externalId, fullPath, fileStamp, stamp: untouchedSinceWrite ? stamp : null, fail, unchanged });
  };

  /** The rest of importFile, for a file that has to be read. `stamp` is set when no editor saved since the last import. */
  const readAndApply = async (
    context: FileContext,
    { file, externalId, fullPath, fileStamp, stamp, fail, unchanged }: {
      file: string;
      externalId: string;
      fullPath: string;
      fileStamp: string | null;
      stamp: ImportStamp | null;
      fail: (error: string, warnings?: string[]) => ReportItem;
      unchanged: () => ReportItem;
    }
  ): Promise<ReportItem> => {
    const { catalog, options } = context;
    const read = await readCaptureBytes(fullPath, { maxBytes: context.maxFileBytes });
    if (!read.ok) return fail(`${file}: ${read.reason}`);
    const rawHash = hashText(read.bytes);
    if (stamp !== null && stamp.rawHash === rawHash) return unchanged();

    const decoded = decodeCapture(read.bytes);
    if (!decoded.ok) return fail(`${file}: ${decoded.reason}, so no headline`);
    const parsed = parseCapture(decoded.text, path.basename(file));
    if (parsed.outcome === 'failed') return fail(parsed.reason, parsed.warnings);

    const warnings = [...parsed.warnings];
    const desired = fieldsFromParsed(parsed.article);
    const tooLong = checkFieldLimits(desired);
    if (tooLong) return fail(`${file}: ${tooLong}`, warnings);

    // From here on the run needs all it knows of what is stored.
    await catalogs().complete(catalog);
    const existing = catalog.articles.get(externalId) ?? null;
    const storyKey = storyKeyOf(desired);
    const stateBase = { version: IMPORT_FORMAT_VERSION, rawHash, fileStamp, storyKey, file, warnings };

    if (existing) {
      // Planned and written with the next batch of changed captures; later files see its story now.
      catalog.stories.set(storyKey, externalId);
      return context.updates.add({ existing, desired, state: stateBase, item: item(file, externalId, { outcome: 'updated', documentId: existing.documentId, warnings }) });
    }

    const original = catalog.stories.get(storyKey);
    if (original !== undefined && original !== externalId) {
      return item(file, externalId, {
        outcome: 'duplicate',
        documentId: catalog.articles.get(original)?.documentId ?? null,
        warnings: [...warnings, `same story (headline, date and body) as ${original}, already imported: not created again`],
      });
    }

    const plan = planArticleWrite({ desired, current: null, lastWritten: null, force: options.force });
    const slug = uniqueSlug(articleSlug(desired.title, externalId), catalog.slugs);
    if (options.dryRun) {
      // Later files of this dry run must see this one's slug and story, as a real run would.
      catalog.slugs.add(slug);
      catalog.stories.set(storyKey, externalId);
      return item(file, externalId, { outcome: 'created', warnings });
    }

    // Written with the next batch; later files already see its slug, story and headline.
    const request: ArticleWrite = { externalId, slug, existing: null, plan, state: { ...stateBase, conflicts: [] }, publish: options.publish, documentId: newDocumentId() };
    const provisional: StoredArticle = { id: 0, documentId: request.documentId!, externalId, title: desired.title, slug, updatedAt: 0, stamp: null };
    catalogs().reserve(catalog, provisional, storyKey);
    const created = item(file, externalId, { outcome: 'created', documentId: request.documentId, warnings });
    context.pending.add({ request, item: created, provisional });
    return created;
  };

  const importFolder = async (dir: string, options: FileContext['options'], onProgress: RunOptions['onProgress'], heartbeat: () => void) => {
    const config = getIngestConfig(strapi);
    const files = await listCaptures(dir);
    const catalog = await catalogs().load();
    const items: ReportItem[] = [];
    const counts = emptyCounts();
    const pending = createBatch(catalog, counts);
    const updates = createUpdateBatch(strapi, { catalog, counts, options, before: pending.flush });
    const noted: FileContext['noted'] = [];
    const context = { catalog, pending, updates, noted, dir, seen: new Map<string, string>(), options, maxFileBytes: config.maxFileBytes };

    let lastYield = Date.now();
    for (const file of files) {
      // Reads and SQLite calls are synchronous: let the server answer its requests every few ms.
      if (Date.now() - lastYield >= YIELD_EVERY_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        lastYield = Date.now();
      }
      const answer = importFile(context, file);
      const entry = answer instanceof Promise ? await answer : answer;
      items.push(entry);
      addToCounts(counts, entry);
      if (pending.full()) await pending.flush();
      if (updates.full(UPDATE_BATCH)) await updates.flush();
      heartbeat();
      onProgress?.({ done: items.length, total: files.length, counts: { ...counts }, file });
    }
    await pending.flush();
    await updates.flush();

    if (noted.length > 0) {
      const states = await catalogs().statesOf(noted.map((entry) => entry.id));
      for (const { id, item: entry } of noted) {
        subtractFromCounts(counts, entry);
        entry.warnings = states.get(id)?.warnings ?? [];
        entry.conflicts = states.get(id)?.conflicts ?? [];
        addToCounts(counts, entry);
      }
    }

    const wrote = items.some((entry) => entry.outcome === 'created' || entry.outcome === 'updated');
    if (wrote && !options.dryRun) await writer().resolvePendingTargets(catalog);

    const missing = catalogs().missing(catalog, context.seen);
    return { items, counts, missing };
  };

  const resolveDir = async (absolute: string) => {
    const info = await stat(absolute).catch((error: NodeJS.ErrnoException) => {
      throw new errors.ApplicationError(`Cannot read the import folder ${absolute}: ${error.code === 'ENOENT' ? 'no such folder' : error.message}`);
    });
    if (!info.isDirectory()) throw new errors.ApplicationError(`The import folder ${absolute} is not a folder`);
    return absolute;
  };

  return {
    /**
     * One import of a folder: takes the database lock (unless a dry run, which writes nothing
     * at all), records the run, and reports every file's outcome. Throws when the run cannot
     * start (folder unreadable, lock busy); a bad file is only a failed item.
     */
    async run(options: RunOptions): Promise<ImportReport> {
      const config = getIngestConfig(strapi);
      const dryRun = options.dryRun ?? false;
      const flags = { dryRun, publish: options.publish ?? false, force: options.force ?? false };
      const startedAt = new Date().toISOString();
      const requestedDir = path.resolve(strapi.dirs.app.root, options.dir ?? config.dir);

      if (dryRun) {
        const dir = await resolveDir(requestedDir);
        const { items, counts, missing } = await importFolder(dir, flags, options.onProgress, () => {});
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
        await runsService.closeInterrupted();
        runId = await runsService.start({ trigger: options.trigger, dryRun, dir: requestedDir });
        options.onStart?.(runId);
        const dir = await resolveDir(requestedDir);
        let lastBeat = Date.now();
        const heartbeat = () => {
          if (lock.lost) throw new errors.ApplicationError('The import lock was lost (this run stalled past its lease); stopping.');
          if (Date.now() - lastBeat < HEARTBEAT_MS) return;
          lastBeat = Date.now();
          void runsService.heartbeat(runId!).catch(() => {});
        };
        const { items, counts, missing } = await importFolder(dir, flags, options.onProgress, heartbeat);
        const report: ImportReport = { runId, startedAt, finishedAt: new Date().toISOString(), dryRun, counts, items, missing };
        await runsService.finish(runId, report);
        return report;
      } catch (error) {
        if (runId) await runsService.fail(runId, (error as Error).message).catch(() => {});
        throw error;
      } finally {
        await lock.release().catch((error: Error) => strapi.log.warn(`[ingest] could not release the import lock: ${error.message}`));
      }
    },
  };
};

export type ImporterService = ReturnType<typeof createImporterService>;
export default createImporterService;
