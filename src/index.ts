import type { Core } from '@strapi/strapi';
import { deleteRelatedLinksWithArticle } from './api/article/delete-related-links';
import { uniqueExternalId } from './api/article/unique-external-id';
import { publicReadMiddleware } from './content-api/public-read';
import { restrictGraphqlToPublished } from './graphql/content-api';
import { releaseBootLock, takeBootLock } from './utils/boot-lock';
import { configureContentManagerViews } from './utils/content-manager-views';
import { grantPublicReadAccess } from './utils/public-permissions';
import { closeRegistration } from './utils/registration';

export default {
  async register({ strapi }: { strapi: Core.Strapi }) {
    restrictGraphqlToPublished(strapi);
    strapi.documents.use(publicReadMiddleware(strapi));
    strapi.documents.use(uniqueExternalId(strapi));
    strapi.documents.use(deleteRelatedLinksWithArticle(strapi));
    // Held through bootstrap (schema sync, first rows): see utils/boot-lock.
    await takeBootLock(strapi);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    try {
      await grantPublicReadAccess(strapi);
      await closeRegistration(strapi);
      await configureContentManagerViews(strapi);
    } finally {
      await releaseBootLock(strapi);
    }
  },

  /** A boot that failed before the end of bootstrap still holds the boot lock. */
  async destroy({ strapi }: { strapi: Core.Strapi }) {
    await releaseBootLock(strapi);
  },
};
