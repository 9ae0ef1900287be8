import type { Core } from '@strapi/strapi';

/** Admin permissions for the Ingest page (see runs and start an import). */
export const registerAdminPermissions = async (_strapi: Core.Strapi) => {};
