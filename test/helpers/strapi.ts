import type { AddressInfo } from 'net';
import path from 'path';
import { createRequire } from 'module';
import type { Core } from '@strapi/strapi';
import { afterAll, beforeAll } from 'vitest';
import { createTestDatabase, testDatabaseClient, unavailableReason, type TestDatabase, type TestDatabaseClient } from './database';

export const APP_DIR = path.resolve(__dirname, '..', '..');
export const DIST_DIR = path.join(APP_DIR, 'dist');

// Strapi's ESM build imports `lodash/fp` as a directory, which Node's ESM loader rejects.
const appRequire = createRequire(path.join(APP_DIR, 'package.json'));

export interface TestApp {
  strapi: Core.Strapi;
  database: TestDatabase;
  /** Stops Strapi (and its HTTP server, if any) and drops its database. */
  destroy(): Promise<void>;
}

export interface ServedTestApp extends TestApp {
  /** Where the started server answers, e.g. `http://127.0.0.1:41234` (no trailing slash). */
  baseUrl: string;
}

interface BootOptions {
  client?: TestDatabaseClient;
  /** Use this database instead of a fresh one; the caller drops it. */
  database?: TestDatabase;
  env?: Record<string, string>;
  /** Also serve HTTP on a free port of 127.0.0.1, as `strapi start` would on its own port. */
  serve?: boolean;
}

/** Mounts the routes and listens on a port the system picks, so parallel test files never clash. */
const listenOnFreePort = async (strapi: Core.Strapi): Promise<string> => {
  const httpServer = strapi.server.httpServer;
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    strapi.server.listen(0, '127.0.0.1', () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const { port } = httpServer.address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
};

/**
 * Boots one real Strapi on a fresh database (TEST_DATABASE=sqlite|postgres|mysql, default
 * sqlite). One per test file: Strapi keeps itself in a global.
 */
export async function bootStrapi(options: BootOptions & { serve: true }): Promise<ServedTestApp>;
export async function bootStrapi(options?: BootOptions): Promise<TestApp>;
export async function bootStrapi(options: BootOptions = {}): Promise<TestApp | ServedTestApp> {
  // A given database is shared with other processes (CLI runs): the caller drops it.
  const database = options.database ?? (await createTestDatabase(options.client ?? testDatabaseClient()));
  Object.assign(process.env, database.env, options.env ?? {});

  const { createStrapi } = appRequire('@strapi/strapi');
  const strapi: Core.Strapi = createStrapi({ appDir: APP_DIR, distDir: DIST_DIR, autoReload: false, serveAdminPanel: false });
  await strapi.load();

  const app: TestApp = {
    strapi,
    database,
    async destroy() {
      await strapi.destroy();
      if (!options.database) await database.drop();
    },
  };
  return options.serve ? { ...app, baseUrl: await listenOnFreePort(strapi) } : app;
}

/**
 * The Strapi of a test file: booted before its tests (`bootStrapi`), destroyed after. Its
 * fields are read when a test runs, once the boot is done.
 */
export const suiteStrapi = (options?: BootOptions): TestApp => {
  let booted: TestApp | undefined;
  beforeAll(async () => {
    booted = await bootStrapi(options);
  });
  afterAll(async () => {
    await booted?.destroy();
  });
  const current = () => {
    if (!booted) throw new Error('Strapi is not booted (yet): use it inside a test or a hook');
    return booted;
  };
  return {
    get strapi() {
      return current().strapi;
    },
    get database() {
      return current().database;
    },
    destroy: () => current().destroy(),
  };
};

export { testDatabaseClient, unavailableReason };
