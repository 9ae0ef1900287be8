import { spawn } from 'child_process';
import path from 'path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import databaseConfig from '../../config/database';
import { acquireBootLock, type DatabaseConnectionConfig } from '../../src/utils/boot-lock';
import { createTestDatabase, testDatabaseClient, unavailableReason, type TestDatabase } from '../helpers/database';

const client = testDatabaseClient();
let unavailable: string | undefined;
let database: TestDatabase;

/** Strapi's `env` helper over the test database's variables, as config/database.ts reads them. */
const envOf = (vars: Record<string, string>) => {
  const env = ((name: string, fallback?: string) => vars[name] ?? fallback) as any;
  env.int = (name: string, fallback?: number) => (vars[name] ? Number(vars[name]) : fallback);
  env.bool = (name: string, fallback?: boolean) => (vars[name] ? vars[name] === 'true' : fallback);
  return env;
};

const connectionConfig = (): DatabaseConnectionConfig => (databaseConfig({ env: envOf(database.env) } as never) as { connection: DatabaseConnectionConfig }).connection;

beforeAll(async () => {
  unavailable = await unavailableReason(client);
  if (unavailable) console.warn(`skipped: ${unavailable}`);
  else database = await createTestDatabase(client);
});

afterAll(async () => {
  await database?.drop();
});

describe(`the boot lock on ${client}`, () => {
  it('lets one holder at a time: a second waits, gives up after its wait, and gets it once the first lets go', async (context) => {
    if (unavailable) return context.skip();
    const first = await acquireBootLock(connectionConfig(), { waitMs: 1000 });
    await expect(acquireBootLock(connectionConfig(), { waitMs: 600 })).rejects.toThrow(/another process has been starting Strapi on this database for more than 1 s/);

    const second = acquireBootLock(connectionConfig(), { waitMs: 10_000 });
    let secondHeld = false;
    void second.then(() => (secondHeld = true));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(secondHeld).toBe(false);
    await first.release();
    await (await second).release();
    expect(secondHeld).toBe(true);

    // Released: a new holder gets it at once.
    await (await acquireBootLock(connectionConfig(), { waitMs: 0 })).release();
  });

  it('is free again as soon as a holder is killed (no stale lock to wait out)', { timeout: 30_000 }, async (context) => {
    if (unavailable) return context.skip();
    // A holder that stays alive (a SQLite holder has no socket to keep it running) until killed.
    const holder = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        // The lock is kept referenced: a SQLite connection nothing refers to may be closed by a GC, letting go of it.
        `require('./src/utils/boot-lock').acquireBootLock(${JSON.stringify(connectionConfig())}).then((lock) => { globalThis.heldLock = lock; process.stdout.write('held'); setInterval(() => {}, 1000); })`,
      ],
      { cwd: path.resolve(__dirname, '..', '..'), stdio: ['ignore', 'pipe', 'inherit'] }
    );
    await new Promise<void>((resolve, reject) => {
      holder.stdout!.on('data', (chunk) => String(chunk).includes('held') && resolve());
      holder.on('exit', (code) => reject(new Error(`the holder exited (${code}) before taking the lock`)));
    });
    await expect(acquireBootLock(connectionConfig(), { waitMs: 300 })).rejects.toThrow(/another process/);
    const exited = new Promise((resolve) => holder.on('exit', resolve));
    holder.kill('SIGKILL');
    await exited;
    await (await acquireBootLock(connectionConfig(), { waitMs: 2000 })).release();
  });
});
