import type { Core } from '@strapi/strapi';
import { deleteRelatedLinksWithArticle } from './api/article/delete-related-links';
import { uniqueExternalId } from './api/article/unique-external-id';
import { publicReadMiddleware } from './content-api/public-read';
import { restrictGraphqlToPublished } from './graphql/content-api';
import { configureContentManagerViews } from './utils/content-manager-views';
import { grantPublicReadAccess } from './utils/public-permissions';
import { closeRegistration } from './utils/registration';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    restrictGraphqlToPublished(strapi);
    strapi.documents.use(publicReadMiddleware(strapi));
    strapi.documents.use(uniqueExternalId(strapi));
    strapi.documents.use(deleteRelatedLinksWithArticle(strapi));
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await grantPublicReadAccess(strapi);
    await closeRegistration(strapi);
    await configureContentManagerViews(strapi);
  },
};
