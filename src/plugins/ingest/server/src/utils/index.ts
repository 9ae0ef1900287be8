import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../constants';
import type { Services } from '../services';

/** The plugin's services, typed: `getService('importer').run(…)`. */
export const getService = <Name extends keyof Services>(strapi: Core.Strapi, name: Name): ReturnType<Services[Name]> =>
  strapi.plugin(PLUGIN_ID).service(name) as ReturnType<Services[Name]>;
