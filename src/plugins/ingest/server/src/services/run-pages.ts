import type { Core } from '@strapi/strapi';
import { IMPORT_RUN_PAGE_UID } from '../constants';
import type { ReportItem } from './report';
import { retryOnDeadlock } from '../utils/db-error';

/**
 * Items per stored page. A run's items as one JSON value cost several copies of it at once
 * (the text, the driver's, the database's): 100 MB more resident memory at 100,000 created
 * files. A page of 1,000 is about 200 KB.
 */
export const RUN_PAGE_ITEMS = 1_000;

/**
 * A run's listed items, stored a page per row (`import-run-page`) in their order. Through the
 * Query Engine: the plugin's own bookkeeping, no document and no event.
 */
export const writeRunPages = async (strapi: Core.Strapi, runId: string, items: ReportItem[]) => {
  for (let start = 0; start < items.length; start += RUN_PAGE_ITEMS) {
    const data = { runId, position: start / RUN_PAGE_ITEMS, items: items.slice(start, start + RUN_PAGE_ITEMS) };
    await strapi.db.query(IMPORT_RUN_PAGE_UID).createMany({ data: [data] });
  }
};

export const readRunPages = async (strapi: Core.Strapi, runId: string): Promise<ReportItem[]> => {
  const pages = (await strapi.db.query(IMPORT_RUN_PAGE_UID).findMany({
    where: { runId },
    select: ['items'],
    orderBy: { position: 'asc' },
  })) as Array<{ items: ReportItem[] | null }>;
  return pages.flatMap((page) => page.items ?? []);
};

export const deleteRunPages = (strapi: Core.Strapi, runIds: string[]) =>
  retryOnDeadlock(() => strapi.db.query(IMPORT_RUN_PAGE_UID).deleteMany({ where: { runId: { $in: runIds } } }));
