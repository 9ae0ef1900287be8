import type { Core } from '@strapi/strapi';
import { IMPORT_RUN_UID } from '../constants';
import type { ImportState } from '../plan/state';
import type { LastImport } from '../../../shared/contracts/conflicts';
import type { Outcome, Trigger } from './report';
import { findRunItem } from './run-pages';

export type { LastImport };

interface RunRow {
  id: number;
  documentId: string;
  trigger: Trigger;
  startedAt: string;
  itemsPruned: boolean | null;
}

const RUN_FIELDS = ['id', 'documentId', 'trigger', 'startedAt', 'itemsPruned'];
const FINISHED = { status: { $in: ['succeeded', 'failed'] }, dryRun: false };

/** Outcomes of an item whose run wrote nothing to the article (it could not import the capture). */
const WROTE_NOTHING = new Set<Outcome>(['failed', 'duplicate']);

/** How many recent runs are searched for an article whose state names no run (written before runs were named). */
const RUNS_SEARCHED = 20;

/**
 * What the run named in the state did to the article: its listed item, or — a run lists only
 * the items that say something — unchanged, for a run that re-checked it from other bytes.
 * Unknown once the run's list is pruned or while the run has not finished.
 */
const itemIn = async (strapi: Core.Strapi, run: RunRow, externalId: string): Promise<Pick<LastImport, 'outcome' | 'warnings' | 'conflicts'>> => {
  if (run.itemsPruned) return { outcome: null, warnings: [], conflicts: [] };
  const item = await findRunItem(strapi, run, externalId);
  return item ? { outcome: item.outcome, warnings: item.warnings, conflicts: item.conflicts } : { outcome: 'unchanged', warnings: [], conflicts: [] };
};

/** A state written before runs were named: the newest of the recent runs that lists the article. */
const searchRecentRuns = async (strapi: Core.Strapi, externalId: string) => {
  const recent = (await strapi.db.query(IMPORT_RUN_UID).findMany({
    where: FINISHED,
    select: RUN_FIELDS,
    orderBy: [{ startedAt: 'desc' }, { id: 'desc' }],
    limit: RUNS_SEARCHED,
  })) as RunRow[];
  // One at a time, newest first, a page at a time (see findRunItem): a run's items are the heavy part of its record.
  for (const run of recent) {
    // A failed or duplicate item wrote nothing to the article: an earlier run did.
    const item = await findRunItem(strapi, run, externalId);
    if (item && !WROTE_NOTHING.has(item.outcome)) return { run, item: { outcome: item.outcome, warnings: item.warnings, conflicts: item.conflicts } };
  }
  return null;
};

/**
 * The run that last wrote the article's import state (see `ImportState.runId`) and how many
 * finished since: those wrote nothing to it — they found it unchanged (an unchanged re-import
 * stays free of writes), did not include it, or could not import it (then the latest says why).
 */
export const findLastImport = async (strapi: Core.Strapi, externalId: string, state: ImportState): Promise<LastImport | null> => {
  const runs = strapi.db.query(IMPORT_RUN_UID);
  let found: { run: RunRow; item: Pick<LastImport, 'outcome' | 'warnings' | 'conflicts'> } | null;
  if (state.runId) {
    const run = (await runs.findOne({ where: { documentId: state.runId }, select: RUN_FIELDS })) as RunRow | null;
    found = run && { run, item: await itemIn(strapi, run, externalId) };
  } else {
    found = await searchRecentRuns(strapi, externalId);
  }
  if (!found) return null;
  const { run, item } = found;
  const later = { ...FINISHED, startedAt: { $gt: run.startedAt } };
  const laterRuns = await runs.count({ where: later });
  const latest = laterRuns > 0 ? ((await runs.findOne({ where: later, select: RUN_FIELDS, orderBy: [{ startedAt: 'desc' }, { id: 'desc' }] })) as RunRow) : null;
  // Only the latest's list is read: a scheduled import every few minutes makes hundreds of runs.
  const latestItem = latest && !latest.itemsPruned ? await findRunItem(strapi, latest, externalId) : undefined;
  // Listed as unchanged (its last write's warnings still stand) is nothing new to say.
  const listed = latestItem && WROTE_NOTHING.has(latestItem.outcome) ? latestItem : undefined;
  return {
    runId: run.documentId,
    trigger: run.trigger,
    startedAt: new Date(run.startedAt).toISOString(),
    ...item,
    laterRuns,
    latestRunAt: latest && new Date(latest.startedAt).toISOString(),
    latestOutcome: listed?.outcome ?? null,
    latestError: listed?.error ?? null,
  };
};
