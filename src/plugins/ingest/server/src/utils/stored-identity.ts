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
  if (draft && draft.externalId !== externalId) {
    throw new errors.ApplicationError(`the stored article ${documentId} now has external id "${draft.externalId}", not "${externalId}"; it was not updated`);
  }
};
