import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCaptureDir, syntheticCapture } from '../helpers/captures';
import { runSeed, startSeed, waitFor } from '../helpers/cli';
import { createTestDatabase, testDatabaseClient, unavailableReason, type TestDatabase, type TestDatabaseClient } from '../helpers/database';
import { ARTICLE, LINK, SECTION, SOURCE, runImport } from '../helpers/ingest';
import { bootStrapi, type TestApp } from '../helpers/strapi';

const IMPORT_RUN = 'plugin::ingest.import-run';

/** Captures with varied sections, sources and lists, so that concurrent runs would race on every kind of row. */
const captureSet = (count: number, prefix: string) =>
  Object.fromEntries(
    Array.from({ length: count }, (_, index) => [
      `${prefix}_${String(index).padStart(3, '0')}.txt`,
      syntheticCapture({
        title: `${prefix} story number ${index} on the harbour`,
        section: ['WORLD', 'TÜRKİYE', 'BUSINESS & ECONOMY'][index % 3],
        source: ['TRT World & Agencies', 'TRTWorld and agencies', 'Reuters, AA'][index % 3],
        explore: [`Explore headline ${index} one`, `Explore headline ${index} two`, `${prefix} story number ${(index + 1) % count} on the harbour`],
        recommended: [`Recommended card ${index}`],
      }),
    ])
  );

const LINKS_PER_CAPTURE = 4;

// `npm test` (SQLite) also covers PostgreSQL when it is there; TEST_DATABASE=postgres|mysql runs cover their own.
const clients: TestDatabaseClient[] = testDatabaseClient() === 'sqlite' ? ['sqlite', 'postgres'] : [testDatabaseClient()];

describe.each(clients)('two imports on one %s database', (client) => {
  let reason: string | undefined;
  let database: TestDatabase;
  let app: TestApp;

  beforeAll(async () => {
    reason = await unavailableReason(client);
    if (reason) {
      console.warn(`Skipping the ${client} concurrency tests: ${reason}`);
      return;
    }
    database = await createTestDatabase(client);
    // Boot once here so both child processes find the schema made (Strapi's first boot is not
    // built for two processes at once); the lease is short so a killed holder frees it soon.
    app = await bootStrapi({ database, env: { INGEST_LOCK_LEASE_MS: '1500' } });
  });

  afterAll(async () => {
    await app?.destroy();
    await database?.drop();
  });

  it('started together, write every row once: one imports, the other waits and finds nothing to do', async (context) => {
    if (reason) return context.skip();
    const dir = makeCaptureDir(captureSet(15, 'together'));
    const env = { ...database.env, INGEST_LOCK_LEASE_MS: '1500' };
    const [first, second] = await Promise.all([
      runSeed(['--dir', dir, '--json', '--wait', '120'], env),
      runSeed(['--dir', dir, '--json', '--wait', '120'], env),
    ]);
    expect(first.code, first.stderr).toBe(0);
    expect(second.code, second.stderr).toBe(0);
    const counts = [JSON.parse(first.stdout).counts, JSON.parse(second.stdout).counts].sort((a, b) => b.created - a.created);
    expect(counts[0]).toMatchObject({ created: 15, unchanged: 0 });
    expect(counts[1]).toMatchObject({ created: 0, unchanged: 15 });

    const strapi = app.strapi;
    expect(await strapi.db.query(ARTICLE).count({ where: { externalId: { $startsWith: 'together_' }, publishedAt: null } })).toBe(15);
    const sections = await strapi.db.query(SECTION).findMany({ select: ['name'] });
    expect(sections.map((section: { name: string }) => section.name).sort()).toEqual(['BUSINESS & ECONOMY', 'TÜRKİYE', 'WORLD']);
    const sources = await strapi.db.query(SOURCE).findMany({ select: ['name'] });
    expect(sources.map((source: { name: string }) => source.name).sort()).toEqual(['AA', 'Agencies', 'Reuters', 'TRT World']);
    expect(await strapi.db.query(LINK).count({ where: { title: { $startsWith: 'Recommended card' } } })).toBe(15);
  });

  it('the second stops with a clear message (exit 2) when it may not wait', async (context) => {
    if (reason) return context.skip();
    const lock = app.strapi.plugin('ingest').service('lock');
    const held = await lock.acquire({ holder: 'test-holder', leaseMs: 60_000, waitMs: 0 });
    try {
      const result = await runSeed(['--dir', makeCaptureDir(captureSet(1, 'blocked')), '--json', '--wait', '0'], database.env);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/Another import is running \(held by test-holder/);
    } finally {
      await held.release();
    }
    expect(await app.strapi.db.query(ARTICLE).count({ where: { externalId: { $startsWith: 'blocked_' } } })).toBe(0);
  });

  it('a killed holder blocks the next run one lease at most; the rerun finishes with no half-written article', async (context) => {
    if (reason) return context.skip();
    // Enough captures that the kill lands mid-run even on a fast machine.
    const total = 400;
    const files = captureSet(total, 'killed');
    const dir = makeCaptureDir(files);
    const { child, done } = startSeed(['--dir', dir, '--json'], { ...database.env, INGEST_LOCK_LEASE_MS: '1500' });
    await waitFor(
      async () => (await app.strapi.db.query(ARTICLE).count({ where: { externalId: { $startsWith: 'killed_' } } })) >= 1,
      120_000,
      'the child import to write its first article',
      5
    );
    child.kill('SIGKILL');
    expect((await done).signal).toBe('SIGKILL');

    const startedWaiting = Date.now();
    let startedImporting = 0;
    const report = await runImport(app.strapi, dir, { lockWaitMs: 20_000, onProgress: () => (startedImporting ||= Date.now()) });
    // The dead holder's lease (1.5 s) expired; the rerun did not wait for the 20 s it was allowed.
    expect(startedImporting - startedWaiting).toBeLessThan(10_000);
    expect(report.counts.failed).toBe(0);
    expect(report.counts.created + report.counts.unchanged).toBe(total);
    expect(report.counts.created, 'the kill came after the child had finished').toBeGreaterThan(0);

    const articles = await app.strapi.db.query(ARTICLE).findMany({
      where: { externalId: { $startsWith: 'killed_' }, publishedAt: null },
      select: ['externalId'],
      populate: { relatedLinks: { select: ['id'] }, section: { select: ['id'] }, sources: { select: ['id'] } },
    });
    expect(articles).toHaveLength(total);
    for (const article of articles) {
      expect(article.relatedLinks, article.externalId).toHaveLength(LINKS_PER_CAPTURE);
      expect(article.section, article.externalId).not.toBeNull();
      expect(article.sources.length, article.externalId).toBeGreaterThan(0);
    }
    const interrupted = await app.strapi.db.query(IMPORT_RUN).findMany({ where: { status: 'running' } });
    expect(interrupted).toEqual([]);
    const failed = await app.strapi.db.query(IMPORT_RUN).findMany({ where: { status: 'failed' } });
    expect(failed.some((run: { error: string }) => /Interrupted/.test(run.error))).toBe(true);
  }, 300_000);
});
