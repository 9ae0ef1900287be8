import type { Core } from '@strapi/strapi';
import { ARTICLE_UID, CONFLICT_DECISION_UID, IMPORT_LOCK_UID, IMPORT_RUN_PAGE_UID, IMPORT_RUN_UID } from './constants';
import { getService } from './utils';
import { registerAdminPermissions } from './permissions';
import { bypassBodyParserForPush } from './middlewares/push-body';

const register = async ({ strapi }: { strapi: Core.Strapi }) => {
  // Before the admin's bootstrap: it grants Super Admins every registered action and drops unknown ones.
  await registerAdminPermissions(strapi);
  // Before the server mounts its middlewares (in bootstrap): the push route reads its own body.
  bypassBodyParserForPush(strapi);
  // Import runs (the lock, editors' conflict decisions) are for editors in the admin panel, never for the public GraphQL schema.
  if (strapi.plugin('graphql')) {
    const extension = strapi.plugin('graphql').service('extension');
    extension.shadowCRUD(IMPORT_RUN_UID).disable();
    extension.shadowCRUD(IMPORT_RUN_PAGE_UID).disable();
    extension.shadowCRUD(IMPORT_LOCK_UID).disable();
    extension.shadowCRUD(CONFLICT_DECISION_UID).disable();
  }
  // Publishing an article (from the admin or an import) drops the cards only its old published
  // version showed: delete them rather than leave related links with no article.
  strapi.documents.use(async (context, next) => {
    if (context.uid !== ARTICLE_UID || context.action !== 'publish') return next();
    const documentId = (context.params as { documentId?: string }).documentId;
    const stale = documentId ? await getService(strapi, 'writer').linksOnlyLive(documentId) : [];
    const result = await next();
    await getService(strapi, 'writer').deleteOrphanLinks(stale);
    return result;
  });
};

export default register;
