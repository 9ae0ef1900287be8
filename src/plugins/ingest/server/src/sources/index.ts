import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { getIngestConfig } from '../config/read';
import { createFolderSource } from './folder';
import { createPushedSource, type PushedCapture } from './pushed';

export type { CaptureSource, EntryBytes, EntryList, SourceEntry } from './types';
export type { PushedCapture } from './pushed';
export { createFolderSource, createPushedSource };
export { allEntries } from './entry-list';

/** The folder `dir` (relative paths from the app's root; default: the config's `dir`) as a source. */
export const folderSource = (strapi: Core.Strapi, dir?: string) => {
  const config = getIngestConfig(strapi);
  return createFolderSource(path.resolve(strapi.dirs.app.root, dir ?? config.dir), {
    maxBytes: config.maxFileBytes,
    warn: (message) => strapi.log.warn(`[ingest] ${message}`),
  });
};

/** Captures of a push request as a source. */
export const pushedSource = (strapi: Core.Strapi, captures: PushedCapture[]) =>
  createPushedSource(captures, { maxBytes: getIngestConfig(strapi).maxFileBytes });
