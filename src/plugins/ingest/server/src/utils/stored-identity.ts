import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { ARTICLE_UID } from '../constants';

/**
 * An update goes to the document the run's catalog named; if that draft now carries another
 * external id (changed since the catalog was read), writing the capture there would overwrite
 * another story. Read inside the update's transaction.
 */
export const assertStoredExternalId = async (strapi: Core.Strapi, documentId: string, externalId: string) => {
  const draft = (await strapi.db.query(ARTICLE_UID).findOne({ where: { documentId, publishedAt: null }, select: ['externalId'] })) as { externalId: string } | null;
  if (draft) refuseOtherId(documentId, draft.externalId, externalId);
};

/** The same check for a batch of drafts, by row id, in one query. */
export const assertStoredExternalIds = async (strapi: Core.Strapi, drafts: Array<{ id: number; documentId: string; externalId: string }>) => {
  if (drafts.length === 0) return;
  const rows = (await strapi.db.query(ARTICLE_UID).findMany({ where: { id: { $in: drafts.map((draft) => draft.id) } }, select: ['id', 'externalId'] })) as Array<{ id: number; externalId: string }>;
  const stored = new Map(rows.map((row) => [Number(row.id), row.externalId]));
  for (const draft of drafts) {
    const now = stored.get(draft.id);
    if (now !== undefined) refuseOtherId(draft.documentId, now, draft.externalId);
  }
};

const refuseOtherId = (documentId: string, stored: string, expected: string) => {
  if (stored !== expected) {
    throw new errors.ApplicationError(`the stored article ${documentId} now has external id "${stored}", not "${expected}"; it was not updated`);
  }
};
