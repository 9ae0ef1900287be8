import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { ARTICLE_UID } from '../../utils/public-permissions';

type DocumentMiddleware = Parameters<Core.Strapi['documents']['use']>[0];
interface Params {
  documentId?: string;
  data?: { externalId?: unknown };
}

const refuse = (message: string) => {
  // `errors` with a path: the Content Manager shows the message under the field.
  throw new errors.ValidationError(message, { errors: [{ path: ['externalId'], message, name: 'ValidationError' }] });
};

/**
 * The importer finds an article by its external id: one article per value. Strapi does not
 * enforce `unique` on drafts of a Draft & Publish type, so an editor could give a draft another
 * article's id, and the next import would then overwrite the wrong story. Refused on create,
 * update and clone (a copy must get an id of its own).
 */
export const uniqueExternalId =
  (strapi: Core.Strapi): DocumentMiddleware =>
  async (context, next) => {
    const { uid, action } = context as unknown as { uid: string; action: string };
    if (uid !== ARTICLE_UID || !['create', 'update', 'clone'].includes(action)) return next();
    const { documentId, data } = ((context as unknown as { params?: Params }).params ?? {}) as Params;
    const externalId = data?.externalId;
    if (action === 'clone' && externalId === undefined) refuse('A copy of an article needs an external id of its own');
    if (typeof externalId !== 'string') return next();
    const other = (await strapi.db.query(ARTICLE_UID).findOne({
      where: { externalId, ...(documentId ? { documentId: { $ne: documentId } } : {}) },
      select: ['documentId', 'title'],
    })) as { documentId: string; title: string } | null;
    if (other) refuse(`External id "${externalId}" already belongs to the article "${other.title}"; each article has its own`);
    return next();
  };
