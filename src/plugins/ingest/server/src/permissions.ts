import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from './constants';

/** `plugin::ingest.runs.read` and `plugin::ingest.runs.trigger` (ADMIN_ACTION_READ / _TRIGGER). */
const ACTIONS = [
  { section: 'plugins', displayName: 'Read import runs', uid: 'runs.read', subCategory: 'runs', pluginName: PLUGIN_ID },
  { section: 'plugins', displayName: 'Start an import', uid: 'runs.trigger', subCategory: 'runs', pluginName: PLUGIN_ID },
];

/**
 * Admin permissions for the Ingest page (see runs and start an import). Registered in the
 * register phase: the admin's bootstrap then grants them to Super Admins and keeps them when
 * it cleans unknown actions out of the database.
 */
export const registerAdminPermissions = async (strapi: Core.Strapi) => {
  await strapi.service('admin::permission').actionProvider.registerMany(ACTIONS);
};
