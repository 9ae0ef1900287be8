import { describe, expect, it } from 'vitest';
import { makeCaptureDir, syntheticCapture } from '../helpers/captures';
import { ARTICLE, runImport } from '../helpers/ingest';
import { countRows } from '../helpers/rows';
import { suiteStrapi } from '../helpers/strapi';
import { getService } from '../../src/plugins/ingest/server/src/utils';
import type { RunRecord } from '../../src/plugins/ingest/server/src/services/runs';

/**
 * A run that stops part way (here its progress listener throws, as a lost lock or a lost
 * database file stops it) ends only once its writes have: on PostgreSQL and MariaDB up to two
 * batches are still being written while the run reads on. Nothing lands after it has failed
 * and let go of the lock, where the next run would already be deciding from what is stored.
 */

const app = suiteStrapi();

describe('a run that stops part way', () => {
  it('fails only after its queued writes are done: nothing is written after, and the lock is free', async () => {
    const files: Record<string, string> = {};
    for (let index = 0; index < 400; index += 1) files[`stop_${String(index).padStart(3, '0')}.txt`] = syntheticCapture({ title: `Stopped run story ${index}` });
    const dir = makeCaptureDir(files);

    let runId: string | null = null;
    const stopped = runImport(app.strapi, dir, {
      onStart: (id) => (runId = id),
      onProgress: ({ done }) => {
        // Right after a batch of new articles was handed to the writer.
        if (done === 300) throw new Error('stopped on purpose');
      },
    });
    await expect(stopped).rejects.toThrow('stopped on purpose');

    const atFailure = await countRows(app.strapi, ARTICLE);
    expect(atFailure).toBeGreaterThan(0);
    expect(atFailure).toBeLessThanOrEqual(300);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await countRows(app.strapi, ARTICLE)).toBe(atFailure);

    const run = (await getService(app.strapi, 'runs').get(runId!)) as RunRecord;
    expect(run).toMatchObject({ status: 'failed', error: expect.stringContaining('stopped on purpose') });
    const lock = getService(app.strapi, 'lock');
    const held = await lock.acquire({ holder: 'next-run', leaseMs: 10_000, waitMs: 0 });
    await held.release();

    // The next run finishes the rest, and every article is whole.
    const report = await runImport(app.strapi, dir);
    expect(report.counts.created + report.counts.unchanged).toBe(400);
    expect(report.counts.failed).toBe(0);
    expect(await countRows(app.strapi, ARTICLE)).toBe(400);
  });
});
