import fs from 'fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { syntheticCapture } from '../helpers/captures';
import { testDatabaseClient } from '../helpers/database';
import { PUSH_ACTION, createApiToken, pushText } from '../helpers/push';
import { bootStrapi, type ServedTestApp } from '../helpers/strapi';
import { getService } from '../../src/plugins/ingest/server/src/utils';

/** Its own Strapi: the test deletes the database file under it. */
const client = testDatabaseClient();
let app: ServedTestApp | undefined;
let token = '';

beforeAll(async () => {
  if (client !== 'sqlite') return;
  app = await bootStrapi({ serve: true });
  token = await createApiToken(app.strapi, 'scraper-lost', 'custom', [PUSH_ACTION]);
});

afterAll(async () => {
  await app?.destroy();
});

describe('a SQLite file deleted during a push', () => {
  it('answers 500, saying nothing was stored, without the server’s file path', async (context) => {
    if (client !== 'sqlite' || !app) {
      console.warn(`skipped: the file check is SQLite's (TEST_DATABASE=${client})`);
      return context.skip();
    }
    const filename = app.database.env.DATABASE_FILENAME;
    const store = getService(app.strapi, 'store');
    const open = store.open.bind(store);
    // Once the run has started and knows its file: from here on it writes to a deleted one.
    vi.spyOn(store, 'open').mockImplementationOnce(async () => {
      for (const file of [filename, `${filename}-wal`, `${filename}-shm`]) fs.rmSync(file, { force: true });
      return open();
    });
    const answer = await pushText(app.baseUrl, token, 'lost-story', syntheticCapture({ title: 'A story pushed into a lost file' }));
    expect(answer.status).toBe(500);
    expect(answer.body.error).toMatchObject({ status: 500, name: 'InternalServerError' });
    expect(answer.body.error.message).toMatch(/database file was deleted or replaced during the import: nothing was stored/);
    expect(answer.body.error.message).not.toContain(filename);
  });
});
