import type { Core } from '@strapi/strapi';
import { getIngestConfig } from '../config/read';
import { folderSource } from '../sources';
import { getService } from '../utils';
import { formatCounts } from '../cli/format';
import { LockBusyError } from './lock';
import type { ImportReport } from './report';

/**
 * The body of the scheduled task. Background work logs and carries on: nothing thrown here may
 * reach the server, and every outcome — done, skipped because another run holds the lock, or
 * failed — is recorded as a run.
 */
const createSchedulerService = ({ strapi }: { strapi: Core.Strapi }) => ({
  async runScheduledImport(): Promise<ImportReport | null> {
    const config = getIngestConfig(strapi);
    const runs = getService(strapi, 'runs');
    try {
      const report = await getService(strapi, 'importer').run({
        trigger: 'cron',
        source: folderSource(strapi, config.dir),
        publish: config.publish,
        // Another server (or a long previous run) has it: this tick has nothing to add.
        lockWaitMs: 0,
      });
      strapi.log.info(`[ingest] scheduled import of ${config.dir}: ${formatCounts(report.counts)}`);
      return report;
    } catch (error) {
      if (error instanceof LockBusyError) {
        strapi.log.info(`[ingest] scheduled import skipped: ${error.message}`);
        await runs.skipped({ trigger: 'cron', dryRun: false, dir: config.dir, reason: error.message }).catch(() => {});
        return null;
      }
      // run() has recorded the failed run when it got as far as starting one.
      strapi.log.error(`[ingest] scheduled import of ${config.dir} failed: ${(error as Error).message}`, { error });
      return null;
    }
  },
});

export type SchedulerService = ReturnType<typeof createSchedulerService>;
export default createSchedulerService;
