import { describe, expect, it } from 'vitest';
import { acquireWithin, advisoryLockKey, mysqlLockName, serverConnectionOptions, sqliteLockFile } from '../../src/utils/boot-lock';

describe('acquireWithin', () => {
  it('tries again until the lock is free', async () => {
    let tries = 0;
    const lock = await acquireWithin(async () => (++tries < 3 ? null : 'held'), { waitMs: 1000, pollMs: 1, what: 'the lock' });
    expect([lock, tries]).toEqual(['held', 3]);
  });

  it('gives up after its wait, naming the lock, and passes a failure to try straight through', async () => {
    await expect(acquireWithin(async () => null, { waitMs: 20, pollMs: 5, what: "the named lock 'x'" })).rejects.toThrow(
      /another process has been starting Strapi on this database for more than 0 s \(it holds the named lock 'x'\); run the command again/
    );
    await expect(acquireWithin(async () => Promise.reject(new Error('connect ECONNREFUSED')), { waitMs: 1000, what: 'x' })).rejects.toThrow('connect ECONNREFUSED');
  });
});

describe('lock names', () => {
  it('gives PostgreSQL a signed 64-bit key per schema, the same in every process', () => {
    const key = advisoryLockKey('public');
    expect(key).toBe(advisoryLockKey('public'));
    expect(key).not.toBe(advisoryLockKey('other'));
    expect(BigInt(key) >= -(2n ** 63n) && BigInt(key) < 2n ** 63n).toBe(true);
  });

  it('names the MySQL lock after the database, within the 64 characters MySQL allows', () => {
    expect(mysqlLockName('newsroom')).toBe('strapi-boot:newsroom');
    const long = mysqlLockName('x'.repeat(64));
    expect(long.length).toBe(64);
    expect(long).not.toBe(mysqlLockName(`${'x'.repeat(63)}y`));
  });

  it("keeps SQLite's lock next to the database file", () => {
    expect(sqliteLockFile('/srv/app/.tmp/data.db')).toBe('/srv/app/.tmp/data.db-bootlock');
  });
});

describe('serverConnectionOptions', () => {
  it("gives the drivers knex's fields without knex's own, with the configured connect timeout", () => {
    const config = {
      client: 'postgres',
      connection: { host: 'db', port: 5432, database: 'news', user: 'u', password: 'p', schema: 'public', ssl: false },
      acquireConnectionTimeout: 2000,
    };
    expect(serverConnectionOptions(config, 'connectionString')).toEqual({ host: 'db', port: 5432, database: 'news', user: 'u', password: 'p', connectionTimeoutMillis: 2000 });
    expect(serverConnectionOptions({ ...config, connection: { ...config.connection, ssl: { rejectUnauthorized: true } as never } }, 'uri')).toMatchObject({
      ssl: { rejectUnauthorized: true },
      connectTimeout: 2000,
    });
  });

  it('passes a URL on as the URL', () => {
    expect(serverConnectionOptions({ client: 'mysql', connection: 'mysql://root@db/news' }, 'uri')).toEqual({ uri: 'mysql://root@db/news', connectTimeout: 60000 });
  });
});
