import type { Core } from '@strapi/strapi';
import { restrictGraphqlToPublished } from './graphql/content-api';
import { configureContentManagerViews } from './utils/content-manager-views';
import { grantPublicReadAccess } from './utils/public-permissions';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    restrictGraphqlToPublished(strapi);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await grantPublicReadAccess(strapi);
    await configureContentManagerViews(strapi);
  },
};
