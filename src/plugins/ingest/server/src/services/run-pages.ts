import type { Core } from '@strapi/strapi';
import { IMPORT_RUN_PAGE_UID, IMPORT_RUN_UID } from '../constants';
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

/** A run's listed items from its record: the `items` value of a record written before pages, else its pages. */
export const itemsOfRecord = async (strapi: Core.Strapi, run: { documentId: string; items?: ReportItem[] | string | null }): Promise<ReportItem[]> => {
  if (run.items != null) return typeof run.items === 'string' ? JSON.parse(run.items) : run.items;
  return readRunPages(strapi, run.documentId);
};

/**
 * The item of `externalId` in a recorded run's list, if it lists it: pages read one at a time,
 * none after the one that has it (a run of 100,000 new files lists 100 pages, ~20 MB).
 */
export const findRunItem = async (strapi: Core.Strapi, run: { id: number; documentId: string }, externalId: string): Promise<ReportItem | undefined> => {
  const has = (item: ReportItem) => item.externalId === externalId;
  const { items } = (await strapi.db.query(IMPORT_RUN_UID).findOne({ where: { id: run.id }, select: ['items'] })) as { items: ReportItem[] | string | null };
  if (items != null) return (await itemsOfRecord(strapi, { documentId: run.documentId, items })).find(has);
  for (let position = 0; ; position += 1) {
    const page = (await strapi.db.query(IMPORT_RUN_PAGE_UID).findOne({ where: { runId: run.documentId, position }, select: ['items'] })) as { items: ReportItem[] | null } | null;
    if (!page) return undefined;
    const found = page.items?.find(has);
    if (found) return found;
  }
};

export const deleteRunPages = (strapi: Core.Strapi, runIds: string[]) =>
  retryOnDeadlock(() => strapi.db.query(IMPORT_RUN_PAGE_UID).deleteMany({ where: { runId: { $in: runIds } } }));
