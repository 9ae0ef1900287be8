import fs from 'fs';
import os from 'os';
import path from 'path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCaptures } from '../../scripts/lib/write-captures';
import { getService } from '../../src/plugins/ingest/server/src/utils';
import { waitFor } from '../helpers/cli';
import { testDatabaseClient } from '../helpers/database';
import { serveStrapi, type ServedApp } from '../helpers/server';

const client = testDatabaseClient();
const TOTAL = 600;
let app: ServedApp | undefined;
let dir: string;

beforeAll(async () => {
  if (client !== 'sqlite') return;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-lost-db-'));
  await writeCaptures(dir, { seed: 7, total: TOTAL });
  app = await serveStrapi({ env: { INGEST_DIR: dir } });
});

afterAll(async () => {
  await app?.destroy();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('a SQLite file deleted during an import started from the admin panel', () => {
  it('fails the run, saying the file was deleted, instead of recording it as succeeded', { timeout: 120_000 }, async (context) => {
    if (client !== 'sqlite' || !app) {
      console.warn(`skipped: the file check is SQLite's (TEST_DATABASE=${client})`);
      return context.skip();
    }
    const { strapi } = app;
    const filename = app.database.env.DATABASE_FILENAME;
    const runId = await getService(strapi, 'admin-runs').start();
    // A few files in, with most of the run ahead.
    await waitFor(async () => (getService(strapi, 'progress').get(runId)?.done ?? 0) > 0, 60_000, 'the first file');
    for (const file of [filename, `${filename}-wal`, `${filename}-shm`]) fs.rmSync(file, { force: true });

    // This process still reads the deleted file's open descriptor: what the Ingest page shows until a restart.
    const runs = getService(strapi, 'runs');
    await waitFor(async () => (await runs.get(runId))?.status !== 'running', 90_000, 'the run to end');
    const run = (await runs.get(runId))!;
    expect(run.status).toBe('failed');
    expect(run.error).toBe(`the database file ${filename} was deleted during the run: nothing it wrote is stored`);
  });
});
