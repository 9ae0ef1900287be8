import fs from 'fs';
import os from 'os';
import path from 'path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCaptures } from '../../scripts/lib/write-captures';
import { SEEDS_DIR, freePort } from '../helpers/server';
import { startSeed, startServer, runSeed, waitFor } from '../helpers/cli';
import { createTestDatabase, testDatabaseClient, unavailableReason, type TestDatabase } from '../helpers/database';

const client = testDatabaseClient();
let unavailable: string | undefined;
const seedFiles = fs.readdirSync(SEEDS_DIR).filter((name) => name.endsWith('.txt')).length;

beforeAll(async () => {
  unavailable = await unavailableReason(client);
  if (unavailable) console.warn(`skipped: ${unavailable}`);
});

/** A database of its own for the describe block it is called in, made before its tests and dropped after. */
const brandNewDatabase = () => {
  const made: { database?: TestDatabase } = {};
  beforeAll(async () => {
    if (!unavailable) made.database = await createTestDatabase(client);
  });
  afterAll(async () => {
    await made.database?.drop();
  });
  return () => made.database!;
};

describe('two first imports on a brand-new database', () => {
  const database = brandNewDatabase();

  // Two boots (the first creating every table, slow on MariaDB) and two runs.
  it('both succeed: one boots while the other waits for the boot lock, then for the import lock', { timeout: 240_000 }, async (context) => {
    if (unavailable) return context.skip();
    const [first, second] = await Promise.all([runSeed(['--json'], database().env), runSeed(['--json'], database().env)]);
    for (const result of [first, second]) {
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).not.toMatch(/already exists/);
    }
    const counts = [first, second].map((result) => JSON.parse(result.stdout).counts);
    expect(counts.map((entry) => entry.created).sort()).toEqual([0, seedFiles]);
    expect(counts.map((entry) => entry.unchanged).sort()).toEqual([0, seedFiles]);
  });
});

describe('a seed and a server started together on a brand-new database', () => {
  const database = brandNewDatabase();

  it('both boot: the server takes the boot lock too, around its schema sync and first rows', { timeout: 240_000 }, async (context) => {
    if (unavailable) return context.skip();
    const port = await freePort();
    const server = startServer(port, database().env);
    try {
      const seed = await runSeed(['--json'], database().env);
      expect(seed.code, seed.stderr).toBe(0);
      expect(JSON.parse(seed.stdout).counts.created).toBe(seedFiles);
      let exited = false;
      void server.done.then(() => (exited = true));
      await waitFor(
        async () => {
          if (exited) throw new Error(`the server stopped: ${(await server.done).stderr || (await server.done).stdout}`);
          return fetch(`http://127.0.0.1:${port}/_health`).then((response) => response.status === 204, () => false);
        },
        180_000,
        'the server to answer'
      );
    } finally {
      server.child.kill('SIGTERM');
      const result = await server.done;
      expect(result.stderr).not.toMatch(/already exists|duplicate|constraint/i);
    }
  });
});

describe('a SQLite file deleted during a run', () => {
  let database: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    if (client !== 'sqlite') return;
    database = await createTestDatabase('sqlite');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-lost-db-'));
    await writeCaptures(dir, { seed: 7, total: 600 });
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('fails the run (exit 2) saying so, instead of reporting what it created', async (context) => {
    if (client !== 'sqlite') {
      console.warn(`skipped: the file check is SQLite's (TEST_DATABASE=${client})`);
      return context.skip();
    }
    const filename = database.env.DATABASE_FILENAME;
    const { child, done } = startSeed(['--dir', dir, '--json'], database.env);
    // The first progress line comes after the first file: the run has most of its files ahead.
    await new Promise<void>((resolve) => {
      let seen = '';
      child.stderr!.on('data', (chunk) => {
        seen += chunk;
        if (/\d+\/600/.test(seen)) resolve();
      });
    });
    for (const file of [filename, `${filename}-wal`, `${filename}-shm`]) fs.rmSync(file, { force: true });
    const result = await done;
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain(`seed: the import failed: the database file ${filename} was deleted during the run: nothing it wrote is stored`);
    expect(result.stdout).toBe('');
  });
});
