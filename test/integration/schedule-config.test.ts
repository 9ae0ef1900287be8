import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { bootStrapi } from '../helpers/strapi';

const databases: TestDatabase[] = [];

afterAll(async () => {
  for (const database of databases) await database.drop();
});

describe('the schedule configuration', () => {
  it('stops the boot on a bad INGEST_CRON, naming the variable', async () => {
    const database = await createTestDatabase('sqlite');
    databases.push(database);
    await expect(bootStrapi({ database, env: { INGEST_CRON: 'every five minutes' } })).rejects.toThrow(/INGEST_CRON is not a valid cron rule/);
  });

  it('stops the boot on an INGEST_PUBLISH that is not a yes or no', async () => {
    const database = await createTestDatabase('sqlite');
    databases.push(database);
    await expect(bootStrapi({ database, env: { INGEST_CRON: '', INGEST_PUBLISH: 'sometimes' } })).rejects.toThrow(/INGEST_PUBLISH must be true or false/);
  });
});
