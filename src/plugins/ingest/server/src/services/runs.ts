import os from 'os';
import type { Core } from '@strapi/strapi';
import { IMPORT_RUN_UID } from '../constants';
import type { ImportReport, ReportCounts, Trigger } from './report';

export type RunStatus = 'running' | 'succeeded' | 'failed' | 'skipped';

export interface RunRecord {
  documentId: string;
  trigger: Trigger;
  status: RunStatus;
  dryRun: boolean;
  dir: string | null;
  startedAt: string;
  finishedAt: string | null;
  heartbeatAt: string | null;
  host: string | null;
  counts: ReportCounts | null;
  items?: ImportReport['items'] | null;
  missing?: string[] | null;
  error: string | null;
}

const INTERRUPTED = 'Interrupted: the process running this import stopped before it finished.';
const SUMMARY_FIELDS = ['documentId', 'trigger', 'status', 'dryRun', 'dir', 'startedAt', 'finishedAt', 'heartbeatAt', 'host', 'counts', 'error'];

/** The record of every import: who or what started it, when, and what each file became. */
const createRunsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const runs = () => strapi.documents(IMPORT_RUN_UID);

  return {
    async start(input: { trigger: Trigger; dryRun: boolean; dir: string }): Promise<string> {
      const now = new Date();
      const run = await runs().create({
        data: { ...input, status: 'running', startedAt: now, heartbeatAt: now, host: `${os.hostname()}:${process.pid}` } as never,
      });
      return run.documentId;
    },

    async heartbeat(documentId: string) {
      await strapi.db.query(IMPORT_RUN_UID).update({ where: { documentId }, data: { heartbeatAt: new Date() } });
    },

    async finish(documentId: string, report: ImportReport, status: RunStatus = 'succeeded') {
      await runs().update({
        documentId,
        data: {
          status,
          finishedAt: new Date(report.finishedAt),
          counts: report.counts,
          items: report.items,
          missing: report.missing,
        } as never,
      });
    },

    async fail(documentId: string, error: string, partial?: Partial<ImportReport>) {
      await runs().update({
        documentId,
        data: { status: 'failed', finishedAt: new Date(), error, counts: partial?.counts, items: partial?.items } as never,
      });
    },

    /** A run that did not start because another held the lock (a scheduled run on a second server). */
    async skipped(input: { trigger: Trigger; dryRun: boolean; dir: string; reason: string }) {
      const now = new Date();
      const run = await runs().create({
        data: {
          trigger: input.trigger,
          dryRun: input.dryRun,
          dir: input.dir,
          status: 'skipped',
          startedAt: now,
          finishedAt: now,
          host: `${os.hostname()}:${process.pid}`,
          error: input.reason,
        } as never,
      });
      return run.documentId;
    },

    /**
     * Runs still marked running when the caller holds the import lock cannot be alive: their
     * process died. Marked failed so they do not show as running forever.
     */
    async closeInterrupted(exceptDocumentId?: string) {
      const stale = await strapi.db.query(IMPORT_RUN_UID).findMany({ where: { status: 'running' }, select: ['id', 'documentId'] });
      for (const run of stale) {
        if (run.documentId === exceptDocumentId) continue;
        await strapi.db.query(IMPORT_RUN_UID).update({
          where: { id: run.id },
          data: { status: 'failed', finishedAt: new Date(), error: INTERRUPTED },
        });
      }
    },

    async list(options: { page?: number; pageSize?: number } = {}) {
      const pageSize = Math.min(Math.max(options.pageSize ?? 20, 1), 100);
      const page = Math.max(options.page ?? 1, 1);
      const [results, total] = await Promise.all([
        runs().findMany({ fields: SUMMARY_FIELDS as never, sort: { startedAt: 'desc' } as never, limit: pageSize, start: (page - 1) * pageSize }),
        runs().count({}),
      ]);
      return { results: results as unknown as RunRecord[], pagination: { page, pageSize, total } };
    },

    async get(documentId: string): Promise<RunRecord | null> {
      return (await runs().findOne({ documentId })) as unknown as RunRecord | null;
    },
  };
};

export type RunsService = ReturnType<typeof createRunsService>;
export default createRunsService;
