import fs from 'fs';
import net from 'net';
import os from 'os';
import path from 'path';
import { createRequire } from 'module';
import type { Core } from '@strapi/strapi';
import { createTestDatabase, testDatabaseClient, type TestDatabase } from './database';
import { APP_DIR, DIST_DIR } from './strapi';

const appRequire = createRequire(path.join(APP_DIR, 'package.json'));

export const SEEDS_DIR = path.join(APP_DIR, 'seeds');
/** Where `npm run build` puts the admin panel that Strapi serves. */
export const ADMIN_BUILD_INDEX = path.join(DIST_DIR, 'build', 'index.html');

export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });

/** A private copy of the project's seeds, so a test can change its files. */
export const copySeeds = (): string => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-seeds-'));
  fs.cpSync(SEEDS_DIR, dir, { recursive: true });
  return dir;
};

export interface ServedApp {
  strapi: Core.Strapi;
  database: TestDatabase;
  /** http://127.0.0.1:PORT */
  url: string;
  destroy(): Promise<void>;
}

/**
 * A real Strapi on a fresh database, listening on a free 127.0.0.1 port; with
 * `serveAdminPanel`, it also serves the built admin panel (dist/build).
 */
export const serveStrapi = async (options: { env?: Record<string, string>; serveAdminPanel?: boolean } = {}): Promise<ServedApp> => {
  const database = await createTestDatabase(testDatabaseClient());
  const port = await freePort();
  Object.assign(process.env, database.env, { HOST: '127.0.0.1', PORT: String(port) }, options.env ?? {});

  const { createStrapi } = appRequire('@strapi/strapi');
  const strapi: Core.Strapi = createStrapi({
    appDir: APP_DIR,
    distDir: DIST_DIR,
    autoReload: false,
    serveAdminPanel: options.serveAdminPanel ?? false,
  });
  await strapi.load();
  // Not strapi.listen(): its post-listen step prints the banner and may open a browser.
  await new Promise<void>((resolve, reject) => {
    strapi.server.httpServer.once('error', reject);
    strapi.server.listen(port, '127.0.0.1', () => resolve());
  });

  return {
    strapi,
    database,
    url: `http://127.0.0.1:${port}`,
    async destroy() {
      await strapi.destroy();
      await database.drop();
    },
  };
};

export interface AdminAccount {
  email: string;
  password: string;
}

/** An active admin user with the given role codes (`strapi-super-admin`, `strapi-editor`…) or role ids. */
export const createAdminUser = async (strapi: Core.Strapi, options: { email: string; roles: Array<string | number> }): Promise<AdminAccount> => {
  const password = 'Editor-Passw0rd';
  const roleIds: number[] = [];
  for (const role of options.roles) {
    if (typeof role === 'number') {
      roleIds.push(role);
      continue;
    }
    const found = await strapi.db.query('admin::role').findOne({ where: { code: role } });
    if (!found) throw new Error(`no admin role ${role}`);
    roleIds.push(found.id);
  }
  await strapi.service('admin::user').create({
    email: options.email,
    firstname: options.email.split('@')[0],
    lastname: 'Test',
    password,
    isActive: true,
    registrationToken: null,
    roles: roleIds,
  });
  return { email: options.email, password };
};

/** A role holding exactly these admin actions (no subject, no condition). */
export const createAdminRole = async (strapi: Core.Strapi, name: string, actions: string[]): Promise<number> => {
  const roles = strapi.service('admin::role');
  const role = await roles.create({ name, description: `test role ${name}` });
  await roles.assignPermissions(
    role.id,
    actions.map((action) => ({ action, subject: null, properties: {}, conditions: [] }))
  );
  return role.id;
};

/** Logs in through the admin API and returns the access token. */
export const adminToken = async (url: string, account: AdminAccount): Promise<string> => {
  const response = await fetch(`${url}/admin/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(account),
  });
  const body = (await response.json()) as { data?: { token?: string; accessToken?: string } };
  const token = body.data?.token ?? body.data?.accessToken;
  if (!response.ok || !token) throw new Error(`admin login failed (${response.status}): ${JSON.stringify(body)}`);
  return token;
};
