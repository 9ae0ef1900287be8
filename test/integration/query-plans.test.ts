import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPlans, recordQueryPlans, type StatementPlan } from '../../scripts/lib/query-plans';
import { writeCaptures } from '../../scripts/lib/write-captures';
import { runImport } from '../helpers/ingest';
import { bootStrapi, type TestApp } from '../helpers/strapi';

/**
 * Flat cost: no statement an import runs more than once reads a whole table or index — its
 * cost would grow with the archive. Each statement's plan is asked of the database itself
 * (scripts/lib/query-plans.ts). Statements run once per run (the catalog's reads) may.
 */

const TOTAL = 80;
let app: TestApp;
let dir: string;

beforeAll(async () => {
  app = await bootStrapi();
  dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-plans-')), 'captures');
  await writeCaptures(dir, { seed: 3, total: TOTAL / 2 });
});

afterAll(async () => {
  await app?.destroy();
});

/** A read of one of Strapi's own tables (its settings store, read by its services), not the import's. */
const strapiOwn = (entry: StatementPlan) => /^select .* from [`"]([a-z]+[`"]\.[`"])?strapi_/i.test(entry.sql) && !/\bjoin\b/i.test(entry.sql);

const repeatedScans = (plans: StatementPlan[]) => plans.filter((entry) => entry.runs > 1 && entry.scans.length > 0 && !strapiOwn(entry));

const expectNoRepeatedScans = (plans: StatementPlan[]) => {
  expect(plans.length).toBeGreaterThan(5);
  expect(repeatedScans(plans), formatPlans(repeatedScans(plans))).toEqual([]);
};

describe('the statements of an import', () => {
  it('a cold import, with targets in earlier and later files', async () => {
    await writeCaptures(dir, { seed: 3, total: TOTAL });
    const plans = await recordQueryPlans(app.strapi, () => runImport(app.strapi, dir));
    expectNoRepeatedScans(plans);
  });

  it('an unchanged re-import', async () => {
    const plans = await recordQueryPlans(app.strapi, async () => expect((await runImport(app.strapi, dir)).counts.unchanged).toBe(TOTAL));
    expect(repeatedScans(plans)).toEqual([]);
  });

  it('a re-import of re-captured pages (every Explore list changed)', async () => {
    await writeCaptures(dir, { seed: 3, total: TOTAL, recapture: 1 });
    const plans = await recordQueryPlans(app.strapi, async () => expect((await runImport(app.strapi, dir)).counts.updated).toBe(TOTAL));
    expectNoRepeatedScans(plans);
  });
});
