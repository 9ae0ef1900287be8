import os from 'os';
import type { Core } from '@strapi/strapi';
import { IMPORT_RUN_UID } from '../constants';
import { getIngestConfig } from '../config/read';
import type { RunRecord, RunStatus, Trigger } from '../../../shared/contracts/runs';
import type { ImportReport } from './report';
import { newDocumentId } from '../utils/document-id';
import { getService } from '../utils';
import { retryOnDeadlock } from '../utils/db-error';
import { noteworthyItems } from './run-retention';
import { itemsOfRecord, writeRunPages } from './run-pages';

export type { RunRecord, RunStatus };

const INTERRUPTED = 'Interrupted: the process running this import stopped before it finished.';
const SUMMARY_FIELDS = ['documentId', 'trigger', 'actor', 'status', 'dryRun', 'dir', 'startedAt', 'finishedAt', 'heartbeatAt', 'host', 'counts', 'listed', 'itemsPruned', 'error'];

/** The record of every import: who or what started it, when, and what each file became. */
const createRunsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const runs = () => strapi.documents(IMPORT_RUN_UID);
  // A live run beats every few seconds; three leases of silence is a dead one.
  const silentLimitMs = () => Math.max(3 * getIngestConfig(strapi).lockLeaseMs, 60_000);

  /**
   * Marks failed the runs whose process died, so they do not show as running forever. With
   * the import lock held, every run still marked running is dead; without it, only those
   * whose heartbeat (every few seconds while alive) stopped `silentForMs` ago.
   */
  const closeInterrupted = async (options: { silentForMs?: number } = {}) => {
    const where: Record<string, unknown> = { status: 'running' };
    if (options.silentForMs) where.heartbeatAt = { $lt: new Date(Date.now() - options.silentForMs) };
    await retryOnDeadlock(() =>
      strapi.db.query(IMPORT_RUN_UID).updateMany({
        where,
        data: { status: 'failed', finishedAt: new Date(), error: INTERRUPTED },
      })
    );
  };

  /** Reading the log closes dead runs on the way; that bookkeeping never fails the read. */
  const closeSilent = () =>
    closeInterrupted({ silentForMs: silentLimitMs() }).catch((error: Error) =>
      strapi.log.warn(`[ingest] could not mark interrupted runs: ${error.message}`)
    );

  /**
   * Records a run. The Query Engine, as the record is the plugin's own, stored as the Document
   * Service stores an entry of a type without Draft & Publish (a documentId, publishedAt set).
   */
  const create = async (data: Record<string, unknown>): Promise<string> => {
    const documentId = newDocumentId();
    const host = `${os.hostname()}:${process.pid}`;
    await strapi.db.query(IMPORT_RUN_UID).createMany({ data: [{ ...data, documentId, host, publishedAt: new Date() }] });
    return documentId;
  };

  /** Changes a run's record without reading it back (its items can be thousands). */
  const update = async (documentId: string, data: Record<string, unknown>) => {
    const given = Object.fromEntries(Object.entries(data).filter(([, value]) => value !== undefined));
    await retryOnDeadlock(() => strapi.db.query(IMPORT_RUN_UID).updateMany({ where: { documentId }, data: { ...given, updatedAt: new Date() } }));
  };

  /**
   * A run's outcome as stored: its noteworthy items only (a page per row, see run-pages), then
   * older runs' items pruned. `listed` is set last: a record that has it has all its pages.
   */
  const close = async (documentId: string, data: Record<string, unknown>, items: ImportReport['items'] | undefined) => {
    const kept = items ? noteworthyItems(items) : undefined;
    if (kept) await writeRunPages(strapi, documentId, kept);
    // Its progress goes first: a page polling never sees a finished record still "at file n of m".
    getService(strapi, 'progress').end(documentId);
    await update(documentId, { ...data, listed: kept?.length });
    await getService(strapi, 'run-retention')
      .prune()
      .catch((error: Error) => strapi.log.warn(`[ingest] could not prune old runs' items: ${error.message}`));
  };

  return {
    async start(input: { trigger: Trigger; actor?: string | null; dryRun: boolean; dir: string | null }): Promise<string> {
      const now = new Date();
      return create({ ...input, status: 'running', startedAt: now, heartbeatAt: now });
    },

    async heartbeat(documentId: string) {
      await update(documentId, { heartbeatAt: new Date() });
    },

    async finish(documentId: string, report: ImportReport, status: RunStatus = 'succeeded') {
      await close(documentId, { status, finishedAt: new Date(report.finishedAt), counts: report.counts, missing: report.missing }, report.items);
    },

    async fail(documentId: string, error: string, partial?: Partial<ImportReport>) {
      await close(documentId, { status: 'failed', finishedAt: new Date(), error, counts: partial?.counts }, partial?.items);
    },

    /** A run that did not start because another held the lock (a scheduled run on a second server). */
    async skipped(input: { trigger: Trigger; actor?: string | null; dryRun: boolean; dir: string | null; reason: string }) {
      const now = new Date();
      const { reason, ...run } = input;
      return create({ ...run, status: 'skipped', startedAt: now, finishedAt: now, error: reason });
    },

    closeInterrupted,

    async list(options: { page?: number; pageSize?: number } = {}) {
      await closeSilent();
      const pageSize = Math.min(Math.max(options.pageSize ?? 20, 1), 100);
      const page = Math.max(options.page ?? 1, 1);
      const [results, total] = await Promise.all([
        runs().findMany({ fields: SUMMARY_FIELDS as never, sort: { startedAt: 'desc' } as never, limit: pageSize, start: (page - 1) * pageSize }),
        runs().count({}),
      ]);
      return { results: results as unknown as RunRecord[], pagination: { page, pageSize, total } };
    },

    async get(documentId: string): Promise<RunRecord | null> {
      await closeSilent();
      const run = (await runs().findOne({ documentId })) as unknown as RunRecord | null;
      if (run && run.listed != null && !run.itemsPruned) run.items = await itemsOfRecord(strapi, run);
      return run;
    },
  };
};

export type RunsService = ReturnType<typeof createRunsService>;
export default createRunsService;
