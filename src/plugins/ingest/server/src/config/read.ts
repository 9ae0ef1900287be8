import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../constants';
import { parseBoolean, type IngestConfig } from './index';

export interface ResolvedIngestConfig extends Omit<IngestConfig, 'publish'> {
  publish: boolean;
}

/** The plugin's config, validated at boot, with `publish` read as a boolean. */
export const getIngestConfig = (strapi: Core.Strapi): ResolvedIngestConfig => {
  const config = strapi.config.get(`plugin::${PLUGIN_ID}`) as IngestConfig;
  return { ...config, publish: parseBoolean(config.publish) ?? false };
};
