import type { Core } from '@strapi/strapi';
import { IMPORT_LOCK_UID, IMPORT_RUN_UID } from './constants';
import { registerAdminPermissions } from './permissions';

const register = async ({ strapi }: { strapi: Core.Strapi }) => {
  // Before the admin's bootstrap: it grants Super Admins every registered action and drops unknown ones.
  await registerAdminPermissions(strapi);
  // Import runs (and the lock) are for editors in the admin panel, never for the public GraphQL schema.
  if (strapi.plugin('graphql')) {
    const extension = strapi.plugin('graphql').service('extension');
    extension.shadowCRUD(IMPORT_RUN_UID).disable();
    extension.shadowCRUD(IMPORT_LOCK_UID).disable();
  }
};

export default register;
