import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { examplesDir, makeCaptureDir, syntheticCapture } from '../helpers/captures';
import { waitFor } from '../helpers/cli';
import { ARTICLE, runImport } from '../helpers/ingest';
import { bootStrapi, type TestApp } from '../helpers/strapi';

const IMPORT_RUN = 'plugin::ingest.import-run';

let app: TestApp;
let dir: string;

const runsWhere = (where: Record<string, unknown>) =>
  app.strapi.db.query(IMPORT_RUN).findMany({ where, orderBy: { id: 'asc' } }) as Promise<Array<Record<string, any>>>;

beforeAll(async () => {
  dir = makeCaptureDir({
    'cron_a.txt': syntheticCapture({ title: 'Scheduled story one' }),
    'cron_b.txt': syntheticCapture({ title: 'Scheduled story two' }),
  });
  app = await bootStrapi({ env: { INGEST_CRON: '*/2 * * * * *', INGEST_DIR: dir, INGEST_PUBLISH: 'true' } });
});

afterAll(async () => {
  await app?.destroy();
});

describe('the scheduled import', () => {
  it('fires on its own, imports INGEST_DIR (publishing, as INGEST_PUBLISH says) and records the run', async () => {
    await waitFor(async () => (await runsWhere({ trigger: 'cron', status: 'succeeded' })).length > 0, 30_000, 'a scheduled run');
    const [first] = await runsWhere({ trigger: 'cron', status: 'succeeded' });
    const run = (await app.strapi.plugin('ingest').service('runs').get(first.documentId)) as Record<string, any>;
    expect(run.counts).toMatchObject({ created: 2, failed: 0 });
    expect(run.items.map((item: { externalId: string; outcome: string }) => [item.externalId, item.outcome])).toEqual([
      ['cron_a', 'created'],
      ['cron_b', 'created'],
    ]);
    expect(new Date(run.finishedAt).getTime()).toBeGreaterThanOrEqual(new Date(run.startedAt).getTime());
    const published = await app.strapi.documents(ARTICLE).findMany({ status: 'published', filters: { externalId: { $startsWith: 'cron_' } } } as never);
    expect(published).toHaveLength(2);

    // Later ticks find nothing to do.
    await waitFor(async () => (await runsWhere({ trigger: 'cron', status: 'succeeded' })).length > 1, 30_000, 'a second scheduled run');
    const second = (await runsWhere({ trigger: 'cron', status: 'succeeded' }))[1];
    expect(second.counts).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
  });

  it('records a skipped run, without an error, when another import holds the lock', async () => {
    const lock = app.strapi.plugin('ingest').service('lock');
    const held = await lock.acquire({ holder: 'another-server', leaseMs: 60_000, waitMs: 10_000 });
    try {
      // A tick can also be skipped for this server's own previous tick: look for ours.
      const skippedForUs = async () =>
        (await runsWhere({ trigger: 'cron', status: 'skipped' })).filter((run) => /Another import is running \(held by another-server/.test(run.error));
      await waitFor(async () => (await skippedForUs()).length > 0, 30_000, 'a skipped run');
      expect((await skippedForUs())[0].finishedAt).not.toBeNull();
    } finally {
      await held.release();
    }
  });

  it('records a failed run and keeps going when the folder is gone', async () => {
    app.strapi.config.set('plugin::ingest.dir', '/nonexistent/captures');
    try {
      await waitFor(async () => (await runsWhere({ trigger: 'cron', status: 'failed' })).length > 0, 30_000, 'a failed run');
    } finally {
      app.strapi.config.set('plugin::ingest.dir', dir);
    }
    const [failed] = await runsWhere({ trigger: 'cron', status: 'failed' });
    expect(failed.error).toMatch(/no such folder/);
    const before = (await runsWhere({ trigger: 'cron', status: 'succeeded' })).length;
    await waitFor(async () => (await runsWhere({ trigger: 'cron', status: 'succeeded' })).length > before, 30_000, 'a run after the failure');
  });
});

describe('the run log', () => {
  it("records each file's outcome with its warnings, conflicts and error", async () => {
    const report = await runImport(app.strapi, examplesDir(), { trigger: 'cli', lockWaitMs: 30_000 });
    const run = (await app.strapi.plugin('ingest').service('runs').get(report.runId)) as Record<string, any>;
    expect(run).toMatchObject({ trigger: 'cli', status: 'succeeded', dryRun: false, counts: report.counts });
    expect(run.items).toEqual(report.items);
    const warned = run.items.find((item: { externalId: string }) => item.externalId === '004_91b56a66213aafde');
    expect(warned.warnings.length).toBeGreaterThan(0);
    const failed = run.items.find((item: { externalId: string }) => item.externalId === '008_116ba91f8658a6b7');
    expect(failed).toMatchObject({ outcome: 'failed', error: expect.stringMatching(/headline/) });
  });

  it('shows a run whose process died as failed, not running forever', async () => {
    const tenMinutesAgo = new Date(Date.now() - 10 * 60_000);
    const dead = await app.strapi.db.query(IMPORT_RUN).create({
      data: { documentId: 'deadrun0000000000000000', trigger: 'cli', status: 'running', startedAt: tenMinutesAgo, heartbeatAt: tenMinutesAgo },
    });
    const runs = app.strapi.plugin('ingest').service('runs');
    const { results } = await runs.list({ pageSize: 100 });
    const listed = results.find((run: { documentId: string }) => run.documentId === dead.documentId);
    expect(listed).toMatchObject({ status: 'failed', error: expect.stringMatching(/Interrupted/) });
  });

  it('is hidden from the public content API and the Content Manager', () => {
    const model = app.strapi.contentType(IMPORT_RUN as never) as { pluginOptions?: Record<string, { visible?: boolean }> };
    expect(model.pluginOptions?.['content-manager']?.visible).toBe(false);
    // The plugin's only content-API route is the push API (API tokens only): none reads runs.
    const routes = app.strapi.plugin('ingest').routes as Record<string, { type?: string; routes: Array<{ method: string; path: string; handler: string }> }>;
    const contentApi = Object.values(routes ?? {}).filter((router) => router.type === 'content-api').flatMap((router) => router.routes);
    expect(contentApi.map(({ method, path, handler }) => `${method} ${path} ${handler}`)).toEqual(['POST /captures captures.push']);
  });
});
