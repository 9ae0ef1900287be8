import type { Core } from '@strapi/strapi';
import { configureContentManagerViews } from './utils/content-manager-views';
import { grantPublicReadAccess } from './utils/public-permissions';

export default {
  register() {},

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await grantPublicReadAccess(strapi);
    await configureContentManagerViews(strapi);
  },
};
