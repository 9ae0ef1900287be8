import type { Core } from '@strapi/strapi';
import { scheduleImports } from './cron';

// Admin permissions are registered in register.ts: the admin's own bootstrap needs them first.
const bootstrap = async ({ strapi }: { strapi: Core.Strapi }) => {
  scheduleImports(strapi);
};

export default bootstrap;
