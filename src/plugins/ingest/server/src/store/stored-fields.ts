import type { Core } from '@strapi/strapi';
import { ARTICLE_UID } from '../constants';
import { fieldsFromStored, storedPopulate, type ArticleFields } from '../plan/fields';

/** What an article's draft holds now, in the planner's terms (the field table says what to read). */
export const loadCurrentFields = async (strapi: Core.Strapi, documentId: string): Promise<ArticleFields> => {
  const draft = await strapi.documents(ARTICLE_UID).findOne({ documentId, status: 'draft', populate: storedPopulate() as never });
  return fieldsFromStored((draft ?? {}) as Record<string, unknown>);
};
