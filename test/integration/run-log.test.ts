import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCaptureDir, syntheticCapture, writeCapture } from '../helpers/captures';
import { runImport } from '../helpers/ingest';
import { bootStrapi, type TestApp } from '../helpers/strapi';
import type { RunRecord, RunsService } from '../../src/plugins/ingest/server/src/services/runs';
import { RUN_PAGE_ITEMS, findRunItem } from '../../src/plugins/ingest/server/src/services/run-pages';
import type { ReportItem } from '../../src/plugins/ingest/server/src/services/report';

/**
 * The run log stays bounded: a record lists only the files that say something and counts the
 * rest, and only the newest INGEST_KEEP_RUNS runs that listed files keep their list.
 */

const KEEP = 2;
let app: TestApp;

beforeAll(async () => {
  app = await bootStrapi({ env: { INGEST_KEEP_RUNS: String(KEEP) } });
});

afterAll(async () => {
  await app?.destroy();
});

const runs = () => app.strapi.plugin('ingest').service('runs') as RunsService;
const record = async (runId: string | null) => (await runs().get(runId!)) as RunRecord;
const PAGE_UID = 'plugin::ingest.import-run-page';
const pagesOf = (runId: string) => app.strapi.db.query(PAGE_UID).count({ where: { runId } });

const quiet = (n: number) => syntheticCapture({ title: `Quiet story number ${n}` });
// The first line's date disagrees with the dateline: a warning on every import of it.
const noisy = syntheticCapture({ title: 'Story with a date that disagrees', date: '2025-06-02' });

describe('the run log', () => {
  const dir = makeCaptureDir({ 'log_a.txt': quiet(1), 'log_b.txt': quiet(2), 'log_c.txt': quiet(3), 'log_noisy.txt': noisy });
  const listedRuns: string[] = [];

  it('keeps created files in the record, and the report lists them all', async () => {
    const report = await runImport(app.strapi, dir);
    expect(report.counts.created).toBe(4);
    const stored = await record(report.runId);
    expect(stored.items!.map((item) => item.externalId).sort()).toEqual(['log_a', 'log_b', 'log_c', 'log_noisy']);
    expect(stored.listed).toBe(4);
    listedRuns.push(report.runId!);
  });

  it('an unchanged run stores counts and the files with warnings, while its report lists every file', async () => {
    const report = await runImport(app.strapi, dir);
    expect(report.counts).toMatchObject({ unchanged: 4, created: 0, updated: 0 });
    expect(report.items).toHaveLength(4);
    const stored = await record(report.runId);
    expect(stored.counts).toEqual(report.counts);
    expect(stored.items!.map((item) => item.externalId)).toEqual(['log_noisy']);
    expect(stored.items![0].warnings[0]).toMatch(/disagrees with the dateline/);
    expect(stored.items!.some((item) => item.outcome === 'unchanged' && item.warnings.length === 0 && item.conflicts.length === 0)).toBe(false);
    listedRuns.push(report.runId!);
  });

  it('a run with nothing to say stores an empty list', async () => {
    const quietDir = makeCaptureDir({ 'log_a.txt': quiet(1), 'log_b.txt': quiet(2) });
    const report = await runImport(app.strapi, quietDir);
    expect(report.items).toHaveLength(2);
    const stored = await record(report.runId);
    expect(stored.items).toEqual([]);
    expect(stored.listed).toBe(0);
    expect(stored.counts).toMatchObject({ unchanged: 2 });
    expect(stored.missing).toEqual(['log_c', 'log_noisy']);
    // It does not use up the allowance: the two runs before still have their lists.
    for (const runId of listedRuns) expect((await record(runId)).items).not.toBeNull();
    listedRuns.push(report.runId!);
  });

  it(`prunes the items of runs older than the newest ${KEEP} that listed files, keeping every run's counts`, async () => {
    writeCapture(dir, 'log_a.txt', syntheticCapture({ title: 'Quiet story number 1', standfirst: 'A corrected summary.' }));
    const updated = await runImport(app.strapi, dir);
    expect(updated.counts.updated).toBe(1);
    const latest = await record(updated.runId);
    expect(latest.items!.map((item) => [item.externalId, item.outcome])).toEqual([['log_a', 'updated'], ['log_noisy', 'unchanged']]);

    const [first, second, empty] = await Promise.all(listedRuns.map(record));
    // The newest two runs with a list: the update and the unchanged run with a warning.
    expect(second.items).toHaveLength(1);
    expect(first).toMatchObject({ items: null, missing: null, itemsPruned: true, listed: 4 });
    expect(await pagesOf(listedRuns[0])).toBe(0);
    expect(first.counts).toMatchObject({ created: 4 });
    // A run that listed nothing keeps what it had: its missing list.
    expect(empty).toMatchObject({ items: [], itemsPruned: false, missing: ['log_c', 'log_noisy'] });
    const { results } = await runs().list();
    expect(results).toHaveLength(4);
    expect(results.every((run) => run.counts !== null)).toBe(true);
  });
});

describe("a large run's items", () => {
  it('are stored a page at a time and read back whole, in order', async () => {
    const total = 2 * RUN_PAGE_ITEMS + 7;
    const items: ReportItem[] = Array.from({ length: total }, (_, index) => ({
      file: `page_${index}.txt`,
      externalId: `page_${index}`,
      outcome: index % 3 === 0 ? 'updated' : 'created',
      documentId: `doc${index}`,
      warnings: index === total - 1 ? ['the last one warns'] : [],
      conflicts: [],
      error: null,
    }));
    const runId = await runs().start({ trigger: 'cli', dryRun: false, dir: '/captures' });
    const now = new Date().toISOString();
    await runs().finish(runId, { runId, startedAt: now, finishedAt: now, dryRun: false, counts: { created: total - 669, updated: 669, unchanged: 0, failed: 0, duplicate: 0, conflicted: 0 }, items, missing: [] });
    expect(await pagesOf(runId)).toBe(3);
    const stored = await record(runId);
    expect(stored.listed).toBe(total);
    expect(stored.items).toEqual(items);

    // One item, as an article's Import panel asks for it: found on its page, or not listed.
    const { id } = (await app.strapi.db.query('plugin::ingest.import-run').findOne({ where: { documentId: runId }, select: ['id'] })) as { id: number };
    const run = { id, documentId: runId };
    expect(await findRunItem(app.strapi, run, `page_${total - 1}`)).toEqual(items[total - 1]);
    expect(await findRunItem(app.strapi, run, 'page_5')).toEqual(items[5]);
    expect(await findRunItem(app.strapi, run, 'never_listed')).toBeUndefined();
  });
});

