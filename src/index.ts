import type { Core } from '@strapi/strapi';
import { restrictGraphqlToPublished } from './graphql/content-api';
import { grantPublicReadAccess } from './utils/public-permissions';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    restrictGraphqlToPublished(strapi);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await grantPublicReadAccess(strapi);
  },
};
