import path from 'path';
import { createRequire } from 'module';
import type { Core } from '@strapi/strapi';
import { createTestDatabase, testDatabaseClient, unavailableReason, type TestDatabase, type TestDatabaseClient } from './database';

export const APP_DIR = path.resolve(__dirname, '..', '..');
export const DIST_DIR = path.join(APP_DIR, 'dist');

// Strapi's ESM build imports `lodash/fp` as a directory, which Node's ESM loader rejects.
const appRequire = createRequire(path.join(APP_DIR, 'package.json'));

export interface TestApp {
  strapi: Core.Strapi;
  database: TestDatabase;
  /** Stops Strapi and drops its database. */
  destroy(): Promise<void>;
}

/**
 * Boots one real Strapi on a fresh database (TEST_DATABASE=sqlite|postgres|mysql, default
 * sqlite). One per test file: Strapi keeps itself in a global.
 */
export const bootStrapi = async (
  options: { client?: TestDatabaseClient; database?: TestDatabase; env?: Record<string, string>; serve?: boolean } = {}
): Promise<TestApp> => {
  // A given database is shared with other processes (CLI runs): the caller drops it.
  const database = options.database ?? (await createTestDatabase(options.client ?? testDatabaseClient()));
  Object.assign(process.env, database.env, options.env ?? {});

  const { createStrapi } = appRequire('@strapi/strapi');
  const strapi: Core.Strapi = createStrapi({ appDir: APP_DIR, distDir: DIST_DIR, autoReload: false, serveAdminPanel: false });
  await strapi.load();
  if (options.serve) {
    await strapi.server.listen();
  }

  return {
    strapi,
    database,
    async destroy() {
      await strapi.destroy();
      if (!options.database) await database.drop();
    },
  };
};

export { testDatabaseClient, unavailableReason };
