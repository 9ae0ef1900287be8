import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCaptureDir, syntheticCapture, writeCapture } from '../helpers/captures';
import { startSeed, waitFor } from '../helpers/cli';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { ARTICLE, runImport } from '../helpers/ingest';
import { bootStrapi, type TestApp } from '../helpers/strapi';
import { hashText } from '../../src/plugins/ingest/server/src/plan/hash';

/**
 * Changed captures are written a batch per transaction. A seed killed in the middle of them
 * leaves every article either as it was or wholly updated — its fields, its links and its
 * import state — never part of one and part of the other; the next run finishes the rest.
 */

const TOTAL = 600;
let database: TestDatabase;
let app: TestApp;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await bootStrapi({ database, env: { INGEST_LOCK_LEASE_MS: '1500' } });
});

afterAll(async () => {
  await app?.destroy();
  await database?.drop();
});

const name = (index: number) => `atomic_${String(index).padStart(3, '0')}`;

/** Version 2 changes the standfirst, the second paragraph and the Explore list (one entry fewer). */
const capture = (index: number, version: 1 | 2) =>
  syntheticCapture({
    title: `Atomic story number ${index}`,
    standfirst: `Summary of story ${index}, version ${version}.`,
    body: [`First paragraph of story ${index}.`, `Second paragraph, version ${version}.`],
    recommended: [`Card of story ${index}`],
    explore:
      version === 1
        ? [`Explore ${index} one, version 1`, `Explore ${index} two, version 1`, `Atomic story number ${(index + 1) % TOTAL}`]
        : [`Explore ${index} one, version 2`, `Atomic story number ${(index + 1) % TOTAL}`],
  });

/** What an article stored as `version` of its capture holds. */
const expected = (index: number, version: 1 | 2) => ({
  standfirst: `Summary of story ${index}, version ${version}.`,
  second: `Second paragraph, version ${version}.`,
  links: [
    `Card of story ${index}`,
    ...(version === 1 ? [`Explore ${index} one, version 1`, `Explore ${index} two, version 1`] : [`Explore ${index} one, version 2`]),
    `Atomic story number ${(index + 1) % TOTAL}`,
  ].sort(),
  rawHash: hashText(Buffer.from(capture(index, version))),
});

const storedDrafts = async () => {
  const rows = (await app.strapi.db.query(ARTICLE).findMany({
    where: { externalId: { $startsWith: 'atomic_' }, publishedAt: null },
    select: ['externalId', 'standfirst', 'body', 'importState'],
    populate: { relatedLinks: { select: ['title'] } },
  })) as Array<Record<string, any>>;
  return rows.map((row) => ({
    externalId: row.externalId as string,
    standfirst: row.standfirst,
    second: row.body[1].children[0].text,
    links: row.relatedLinks.map((link: { title: string }) => link.title).sort(),
    rawHash: (typeof row.importState === 'string' ? JSON.parse(row.importState) : row.importState).rawHash,
  }));
};

describe('a kill during a batch of changed captures', () => {
  it('leaves each article wholly old or wholly new', async () => {
    const dir = makeCaptureDir(Object.fromEntries(Array.from({ length: TOTAL }, (_, index) => [`${name(index)}.txt`, capture(index, 1)])));
    expect((await runImport(app.strapi, dir)).counts.created).toBe(TOTAL);
    for (let index = 0; index < TOTAL; index += 1) writeCapture(dir, `${name(index)}.txt`, capture(index, 2));

    const { child, done } = startSeed(['--dir', dir, '--json'], { ...database.env, INGEST_LOCK_LEASE_MS: '1500' });
    await waitFor(
      async () => (await app.strapi.db.query(ARTICLE).count({ where: { externalId: { $startsWith: 'atomic_' }, standfirst: { $endsWith: 'version 2.' } } })) >= 1,
      120_000,
      'the child import to update its first articles',
      5
    );
    child.kill('SIGKILL');
    expect((await done).signal).toBe('SIGKILL');

    const drafts = await storedDrafts();
    expect(drafts).toHaveLength(TOTAL);
    let updated = 0;
    for (const draft of drafts) {
      const index = Number(draft.externalId.slice('atomic_'.length));
      const { externalId: _id, ...stored } = draft;
      const version = stored.standfirst === expected(index, 2).standfirst ? 2 : 1;
      if (version === 2) updated += 1;
      expect(stored, draft.externalId).toEqual(expected(index, version));
    }
    expect(updated, 'the kill came after the first update').toBeGreaterThan(0);
    expect(updated, 'the kill came after the child had finished').toBeLessThan(TOTAL);

    const rerun = await runImport(app.strapi, dir, { lockWaitMs: 20_000 });
    expect(rerun.counts).toMatchObject({ failed: 0, updated: TOTAL - updated, unchanged: updated });
    for (const draft of await storedDrafts()) {
      const { externalId, ...stored } = draft;
      expect(stored, externalId).toEqual(expected(Number(externalId.slice('atomic_'.length)), 2));
    }
  }, 300_000);
});
