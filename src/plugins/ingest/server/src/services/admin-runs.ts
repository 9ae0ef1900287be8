import type { Core } from '@strapi/strapi';
import { folderSource } from '../sources';
import { getService } from '../utils';
import type { ImportReport } from './report';

/** Imports started from the admin panel: a dry run answers at once, a real one goes on in the background. */
const createAdminRunsService = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** The configured folder's report, nothing written (not even a run record). */
  dryRun(): Promise<ImportReport> {
    return getService(strapi, 'importer').run({ trigger: 'admin', source: folderSource(strapi), dryRun: true });
  },

  /**
   * Starts an import of the configured folder and resolves with its run id once it holds the
   * lock and is recorded; rejects when it cannot start (lock busy, folder unreadable). What
   * happens after is in the run record: a failure there is logged, never thrown at the caller.
   */
  start(): Promise<string> {
    const progress = getService(strapi, 'progress');
    return new Promise((resolve, reject) => {
      let runId: string | null = null;
      getService(strapi, 'importer')
        .run({
          trigger: 'admin',
          source: folderSource(strapi),
          // Someone else's import is running: say so now rather than keep the request waiting.
          lockWaitMs: 0,
          onStart(id) {
            runId = id;
            progress.begin(id);
            resolve(id);
          },
          onProgress(update) {
            if (runId) progress.update(runId, update);
          },
        })
        .catch((error: Error) => {
          if (runId === null) return reject(error);
          strapi.log.error(`[ingest] the import started from the admin panel failed: ${error.message}`, { error });
        })
        .finally(() => {
          if (runId) progress.end(runId);
        });
    });
  },
});

export type AdminRunsService = ReturnType<typeof createAdminRunsService>;
export default createAdminRunsService;
