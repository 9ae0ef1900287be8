import type { Core } from '@strapi/strapi';
import { registerAdminPermissions } from './permissions';
import { scheduleImports } from './cron';

const bootstrap = async ({ strapi }: { strapi: Core.Strapi }) => {
  await registerAdminPermissions(strapi);
  scheduleImports(strapi);
};

export default bootstrap;
