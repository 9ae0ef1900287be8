import type { Core } from '@strapi/strapi';
import { ARTICLE_UID, RELATED_LINK_UID } from '../../utils/public-permissions';

type DocumentMiddleware = Parameters<Core.Strapi['documents']['use']>[0];

/**
 * A related link belongs to its article: deleting the article deletes its links (through the
 * Document Service, so listeners hear of each), in the same transaction. Links of other
 * articles that pointed at it lose their target with the join rows the database drops.
 */
export const deleteRelatedLinksWithArticle =
  (strapi: Core.Strapi): DocumentMiddleware =>
  async (context, next) => {
    const { uid, action, params } = context as unknown as { uid: string; action: string; params?: { documentId?: string } };
    if (uid !== ARTICLE_UID || action !== 'delete' || !params?.documentId) return next();
    const documentId = params.documentId;
    return strapi.db.transaction(async () => {
      const links = (await strapi.db.query(RELATED_LINK_UID).findMany({
        where: { article: { documentId } },
        select: ['documentId'],
      })) as Array<{ documentId: string }>;
      const result = await next();
      // Only when no version of the article is left (deleting one locale of an i18n type keeps others).
      if ((await strapi.db.query(ARTICLE_UID).count({ where: { documentId } })) === 0) {
        for (const link of new Set(links.map((entry) => entry.documentId))) {
          await strapi.documents(RELATED_LINK_UID as never).delete({ documentId: link } as never);
        }
      }
      return result;
    });
  };
