import crypto from 'crypto';
import fs from 'fs';
import path from 'path';
import { createRequire } from 'module';
import type { Core } from '@strapi/strapi';

/**
 * A lock, named after the database, that every boot of this app holds from its register to
 * the end of its bootstrap (src/index.ts): a server, a seed, a test. Strapi's boot creates a
 * new database's tables, runs its migrations and writes its first rows (admin roles,
 * permissions) with no lock of its own: two processes booting together on a brand-new
 * database trip over each other's half-made schema. With this, one boots at a time; the next
 * finds the schema made.
 *
 * Each database's own named lock, on a connection of its own: released by the server (or, for
 * SQLite, the kernel) when the holder's connection closes, so a killed process never leaves
 * it behind and there is no stale-lock rule to get wrong.
 */

/** The database drivers are the app's (one of them is installed), required only when used. */
const appRequire = createRequire(__filename);

/** `database.connection` of Strapi's configuration: what config/database.ts returns. */
export interface DatabaseConnectionConfig {
  client?: string;
  connection?: string | Record<string, unknown>;
  acquireConnectionTimeout?: number;
}

export interface HeldLock {
  release(): Promise<void>;
}

/** A first boot of a new MariaDB schema takes most of a minute; a third process waits for two. */
export const BOOT_LOCK_WAIT_MS = 300_000;
const POLL_MS = 200;
/** MySQL and MariaDB refuse lock names longer than this. */
const MYSQL_LOCK_NAME_MAX = 64;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Calls `tryAcquire` until it gets the lock or `waitMs` has passed. Polling a non-blocking
 * try keeps the three databases alike and the wait bounded (a blocked SQLite call would
 * block the whole process).
 */
export const acquireWithin = async <L>(
  tryAcquire: () => Promise<L | null>,
  { waitMs, pollMs = POLL_MS, what }: { waitMs: number; pollMs?: number; what: string }
): Promise<L> => {
  const started = Date.now();
  for (;;) {
    const lock = await tryAcquire();
    if (lock) return lock;
    if (Date.now() - started >= waitMs) {
      throw new Error(
        `another process has been starting Strapi on this database for more than ${Math.round(waitMs / 1000)} s (it holds ${what}); run the command again once it has finished`
      );
    }
    await sleep(pollMs);
  }
};

/**
 * PostgreSQL advisory locks belong to one database already; the schema is in the key so that
 * two apps in one database's different schemas do not wait for each other.
 */
export const advisoryLockKey = (schema: string): string =>
  crypto.createHash('sha256').update(`strapi-boot:${schema}`).digest().readBigInt64BE(0).toString();

/** MySQL's named locks are server-wide: the database is in the name. */
export const mysqlLockName = (database: string): string => {
  const name = `strapi-boot:${database}`;
  if (name.length <= MYSQL_LOCK_NAME_MAX) return name;
  return `strapi-boot:${crypto.createHash('sha256').update(database).digest('hex').slice(0, MYSQL_LOCK_NAME_MAX - 'strapi-boot:'.length)}`;
};

/** SQLite's file, its `-wal` and `-shm`, and this: the lock's own file, kept next to them. */
export const sqliteLockFile = (filename: string) => `${filename}-bootlock`;

/** The driver's options for a server database, from knex's connection (an object or a URL). */
export const serverConnectionOptions = (config: DatabaseConnectionConfig, urlKey: 'connectionString' | 'uri') => {
  const connection = config.connection ?? {};
  const timeout = config.acquireConnectionTimeout ?? 60_000;
  const base = typeof connection === 'string' ? { [urlKey]: connection } : { ...connection };
  // knex's own keys, not the drivers'.
  delete base.schema;
  if (!base.ssl) delete base.ssl;
  return urlKey === 'uri' ? { ...base, connectTimeout: timeout } : { ...base, connectionTimeoutMillis: timeout };
};

const databaseNameOf = (config: DatabaseConnectionConfig): string => {
  const connection = config.connection;
  if (typeof connection === 'string') return decodeURIComponent(new URL(connection).pathname.replace(/^\//, ''));
  return String(connection?.database ?? '');
};

const schemaOf = (config: DatabaseConnectionConfig): string => {
  const connection = config.connection;
  return typeof connection === 'object' && typeof connection.schema === 'string' ? connection.schema : 'public';
};

interface PgClient {
  connect(): Promise<void>;
  query(sql: string, values?: unknown[]): Promise<{ rows: Array<Record<string, unknown>> }>;
  end(): Promise<void>;
  on(event: 'error', listener: (error: Error) => void): void;
}

const lockPostgres = async (config: DatabaseConnectionConfig, waitMs: number): Promise<HeldLock> => {
  const { Client } = appRequire('pg');
  const client: PgClient = new Client(serverConnectionOptions(config, 'connectionString'));
  // An idle connection dropped by the server must not crash the process.
  client.on('error', () => {});
  await client.connect();
  const key = advisoryLockKey(schemaOf(config));
  try {
    return await acquireWithin(
      async () => {
        const { rows } = await client.query('SELECT pg_try_advisory_lock($1::bigint) AS locked', [key]);
        return rows[0]?.locked === true ? { release: () => client.end() } : null;
      },
      { waitMs, what: `PostgreSQL advisory lock ${key}` }
    );
  } catch (error) {
    await client.end().catch(() => {});
    throw error;
  }
};

interface MysqlConnection {
  query(sql: string, values?: unknown[]): Promise<[Array<Record<string, unknown>>, unknown]>;
  end(): Promise<void>;
  on(event: 'error', listener: (error: Error) => void): void;
}

const lockMysql = async (config: DatabaseConnectionConfig, waitMs: number): Promise<HeldLock> => {
  const mysql = appRequire('mysql2/promise');
  const connection: MysqlConnection = await mysql.createConnection(serverConnectionOptions(config, 'uri'));
  connection.on('error', () => {});
  const name = mysqlLockName(databaseNameOf(config));
  try {
    return await acquireWithin(
      async () => {
        // 1: taken; 0: held by another connection (a timeout of 0 is a try).
        const [rows] = await connection.query('SELECT GET_LOCK(?, 0) AS locked', [name]);
        return Number(rows[0]?.locked) === 1 ? { release: () => connection.end() } : null;
      },
      { waitMs, what: `the named lock '${name}'` }
    );
  } catch (error) {
    await connection.end().catch(() => {});
    throw error;
  }
};

interface SqliteDatabase {
  exec(sql: string): void;
  close(): void;
}

/**
 * SQLite: an exclusive transaction on a file of its own next to the database. SQLite's lock is
 * the operating system's file lock, dropped when the holder exits however it exits. The file
 * stays (like `-shm`): removing a lock file someone else has open and is waiting on would let
 * a third process lock a new file while the second locks the removed one.
 */
const lockSqlite = async (filename: string, waitMs: number): Promise<HeldLock> => {
  const file = sqliteLockFile(filename);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const Database = appRequire('better-sqlite3');
  const db: SqliteDatabase = new Database(file, { timeout: 0 });
  try {
    return await acquireWithin(
      async () => {
        try {
          db.exec('BEGIN EXCLUSIVE');
        } catch (error) {
          if ((error as { code?: string }).code === 'SQLITE_BUSY') return null;
          throw error;
        }
        return {
          release: async () => {
            db.exec('COMMIT');
            db.close();
          },
        };
      },
      { waitMs, what: `an exclusive lock on ${file}` }
    );
  } catch (error) {
    db.close();
    throw error;
  }
};

/** Takes the boot lock of the database `config` points at (none for an in-memory SQLite). */
export const acquireBootLock = async (config: DatabaseConnectionConfig, { waitMs = BOOT_LOCK_WAIT_MS } = {}): Promise<HeldLock> => {
  if (config.client === 'postgres') return lockPostgres(config, waitMs);
  if (config.client === 'mysql' || config.client === 'mysql2') return lockMysql(config, waitMs);
  const connection = config.connection;
  const filename = typeof connection === 'object' && typeof connection.filename === 'string' ? connection.filename : undefined;
  if (!filename || filename === ':memory:') return { release: async () => {} };
  return lockSqlite(filename, waitMs);
};

/** The lock each booting Strapi holds, until its bootstrap ends (or it is destroyed first). */
const heldBy = new WeakMap<Core.Strapi, Promise<HeldLock>>();

/**
 * Takes the boot lock for this Strapi's database. Called from the app's register: the last
 * step before bootstrap, whose first step (`db.init`, then the schema sync) touches the
 * database; Strapi has no hook between register and that.
 */
export const takeBootLock = async (strapi: Core.Strapi): Promise<void> => {
  const lock = acquireBootLock(strapi.config.get('database.connection') as DatabaseConnectionConfig);
  heldBy.set(strapi, lock);
  await lock;
};

/** Lets go of the boot lock, if this Strapi holds it (the end of bootstrap, or a destroy after a failed boot). */
export const releaseBootLock = async (strapi: Core.Strapi): Promise<void> => {
  const lock = heldBy.get(strapi);
  if (!lock) return;
  heldBy.delete(strapi);
  await (await lock.catch(() => null))?.release().catch(() => {});
};
