import type { Core } from '@strapi/strapi';
import { IMPORT_RUN_UID } from '../constants';
import type { ReportItem, Trigger } from './report';
import { readRunItems } from './run-pages';

export interface LastImport {
  runId: string;
  trigger: Trigger;
  startedAt: string;
  item: ReportItem;
}

/** How many recent runs are searched for an article: older ones are not worth reading for a panel. */
const RUNS_SEARCHED = 20;

/**
 * The latest recorded run whose report names this external id, with what it did to it. Runs
 * are read one at a time, newest first: a run's items are the heavy part of its record, and
 * the newest run of a folder already names every article in it.
 */
export const findLastImport = async (strapi: Core.Strapi, externalId: string): Promise<LastImport | null> => {
  const runs = strapi.db.query(IMPORT_RUN_UID);
  const recent = (await runs.findMany({
    where: { status: { $in: ['succeeded', 'failed'] }, dryRun: false },
    select: ['id', 'documentId', 'trigger', 'startedAt'],
    orderBy: [{ startedAt: 'desc' }, { id: 'desc' }],
    limit: RUNS_SEARCHED,
  })) as Array<{ id: number; documentId: string; trigger: LastImport['trigger']; startedAt: string }>;
  for (const run of recent) {
    const item = (await readRunItems(strapi, run)).find((entry) => entry.externalId === externalId);
    if (item) return { runId: run.documentId, trigger: run.trigger, startedAt: new Date(run.startedAt).toISOString(), item };
  }
  return null;
};
