import path from 'path';
import { createRequire } from 'module';
import type { Core } from '@strapi/strapi';
import { APP_DIR, DIST_DIR, buildApp } from './build-app';

const appRequire = createRequire(path.join(APP_DIR, 'package.json'));

/**
 * Boots Strapi headless (no HTTP server) for a command. Everything printed while building and
 * booting goes to stderr: a command's stdout is its own (`--json`). The app's register takes
 * the boot lock (src/utils/boot-lock.ts): one process boots at a time per database.
 */
export const bootHeadless = async ({ build = true }: { build?: boolean } = {}): Promise<Core.Strapi> => {
  process.env.STRAPI_LOG_LEVEL ??= 'error';
  process.env.STRAPI_TELEMETRY_DISABLED ??= 'true';
  const stdoutWrite = process.stdout.write;
  process.stdout.write = process.stderr.write.bind(process.stderr) as typeof process.stdout.write;
  try {
    // A benchmark's child processes skip this: their parent built the app once.
    if (build) await buildApp();
    const { createStrapi } = appRequire('@strapi/strapi');
    const strapi: Core.Strapi = createStrapi({ appDir: APP_DIR, distDir: DIST_DIR, autoReload: false, serveAdminPanel: false });
    try {
      await strapi.load();
    } catch (error) {
      // Its database connection would keep the process alive (and a SQLite file open).
      await strapi.destroy().catch(() => {});
      throw error;
    }
    return strapi;
  } finally {
    process.stdout.write = stdoutWrite;
  }
};
