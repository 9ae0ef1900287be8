import type { Core } from '@strapi/strapi';
import { IMPORT_RUN_UID } from './constants';
import { registerAdminPermissions } from './permissions';

const register = async ({ strapi }: { strapi: Core.Strapi }) => {
  await registerAdminPermissions(strapi);
  // Import runs are for editors in the admin panel, never for the public GraphQL schema.
  if (strapi.plugin('graphql')) {
    strapi.plugin('graphql').service('extension').shadowCRUD(IMPORT_RUN_UID).disable();
  }
};

export default register;
