import type { Core } from '@strapi/strapi';
import { IMPORT_RUN_UID } from '../constants';
import { getIngestConfig } from '../config/read';
import type { ReportItem } from './report';
import { retryOnDeadlock } from '../utils/db-error';
import { deleteRunPages } from './run-pages';

/**
 * Items a run record keeps: those that say something. A file imported unchanged with no
 * warning and no conflict is only counted — at one run every few minutes over a large archive,
 * storing each of them would grow the database without end. The report a run returns (CLI,
 * push API, dry run) still lists every file.
 */
export const noteworthyItems = (items: ReportItem[]): ReportItem[] =>
  items.filter((item) => item.outcome !== 'unchanged' || item.warnings.length > 0 || item.conflicts.length > 0);

/** Runs whose items are pruned per statement. */
const PRUNE_PAGE = 500;

/**
 * Old runs lose their items (and missing list); every run keeps its counts. The newest
 * `keepRuns` runs that listed any item keep theirs (INGEST_KEEP_RUNS, default 100): runs that
 * listed nothing do not use up the allowance.
 */
const createRunRetentionService = ({ strapi }: { strapi: Core.Strapi }) => ({
  async prune(keepRuns = getIngestConfig(strapi).keepRuns): Promise<number> {
    let pruned = 0;
    for (;;) {
      const old = (await strapi.db.query(IMPORT_RUN_UID).findMany({
        where: { listed: { $gt: 0 }, itemsPruned: false },
        select: ['id', 'documentId'],
        orderBy: [{ startedAt: 'desc' }, { id: 'desc' }],
        offset: keepRuns,
        limit: PRUNE_PAGE,
      })) as Array<{ id: number; documentId: string }>;
      if (old.length === 0) return pruned;
      // Not through the Document Service: bookkeeping of the plugin's own record, no event to send.
      await deleteRunPages(strapi, old.map((run) => run.documentId));
      await retryOnDeadlock(() =>
        strapi.db.query(IMPORT_RUN_UID).updateMany({
          where: { id: { $in: old.map((run) => run.id) } },
          data: { items: null, missing: null, itemsPruned: true },
        })
      );
      pruned += old.length;
    }
  },
});

export type RunRetentionService = ReturnType<typeof createRunRetentionService>;
export default createRunRetentionService;
