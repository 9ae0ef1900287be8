import type { Core } from '@strapi/strapi';
import { getIngestConfig } from './config/read';
import { getService } from './utils';

export const CRON_TASK_NAME = 'ingest';

/**
 * Registers the scheduled re-import when INGEST_CRON is set. Strapi fires cron tasks on every
 * server; the import lock lets one of them run and the others record a skipped run.
 */
export const scheduleImports = (strapi: Core.Strapi) => {
  const { cron } = getIngestConfig(strapi);
  if (!cron) return;
  strapi.cron.add({
    [CRON_TASK_NAME]: {
      task: () => getService(strapi, 'scheduler').runScheduledImport(),
      options: { rule: cron },
    },
  });
};
