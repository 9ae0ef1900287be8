import { execFileSync, spawnSync } from 'child_process';
import fs from 'fs';
import path from 'path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCaptureDir, syntheticCapture } from '../helpers/captures';
import { asExpectedShape, findArticle, itemFor, runImport } from '../helpers/ingest';
import { APP_DIR, bootStrapi, type TestApp } from '../helpers/strapi';

const FIXTURES = path.resolve(__dirname, '..', 'fixtures', 'scripts-and-pages');
const MAX_BYTES = 20_000;

let app: TestApp;

beforeAll(async () => {
  app = await bootStrapi({ env: { INGEST_MAX_FILE_BYTES: String(MAX_BYTES) } });
});

afterAll(async () => {
  await app?.destroy();
});

const fixtureNames = fs.readdirSync(FIXTURES).filter((name) => name.endsWith('.txt')).sort();
const expectedFor = (name: string) => JSON.parse(fs.readFileSync(path.join(FIXTURES, name.replace(/\.txt$/, '.expected.json')), 'utf8'));

/** Bad files of every sort the reader and the parser refuse, beside the fixtures. */
const badFiles: Record<string, string | Buffer> = {
  'bad_binary.txt': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48]),
  'bad_empty.txt': '',
  'bad_blank_utf16.txt': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('  \n\n ', 'utf16le')]),
  'bad_headline_only.txt': 'Ferry operators add evening crossings during bus strike\r\n',
  'bad_too_long.txt': syntheticCapture({ title: `A headline that goes on ${'and on '.repeat(50)}` }),
  'bad_too_big.txt': syntheticCapture({ title: 'An enormous capture', body: ['A paragraph that repeats itself.'.repeat(1000)] }),
};

/** `npm run parse -- FILE...` as a user runs it: its JSON records, one per file. */
const preview = (files: string[]): Array<Record<string, any>> => {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/parse.ts', ...files], {
    cwd: APP_DIR,
    env: { ...process.env, INGEST_MAX_FILE_BYTES: String(MAX_BYTES) },
    encoding: 'utf8',
    // A preview that opened a FIFO would wait for a writer for ever.
    timeout: 30_000,
  });
  expect(run.error, 'the preview did not finish').toBeUndefined();
  expect(run.status, run.stderr).toBe(1);
  return JSON.parse(run.stdout);
};

describe('npm run parse and the import', () => {
  it('import the scripts and page kinds as their expected records, and fail what the preview fails with its words', async () => {
    const dir = makeCaptureDir({
      ...Object.fromEntries(fixtureNames.map((name) => [name, fs.readFileSync(path.join(FIXTURES, name))])),
      ...badFiles,
    });
    const names = [...fixtureNames, ...Object.keys(badFiles)];
    const records = preview(names.map((name) => path.join(dir, name)));
    const report = await runImport(app.strapi, dir);

    expect(report.items).toHaveLength(names.length);
    for (const [index, name] of names.entries()) {
      const record = records[index];
      const entry = itemFor(report, record.externalId);
      expect(entry.file).toBe(name);
      if (record.outcome === 'failed') {
        expect(entry.outcome, name).toBe('failed');
        // Word for word: the preview says what the import does.
        expect(entry.error, name).toBe(record.reason);
        expect(await findArticle(app.strapi, record.externalId)).toBeNull();
        continue;
      }
      expect(entry.outcome, name).toBe('created');
      expect(entry.warnings, name).toEqual(record.warnings);
      const { externalId: _id, outcome: _outcome, warnings: _warnings, ...fields } = expectedFor(name);
      expect(asExpectedShape((await findArticle(app.strapi, record.externalId))!), name).toEqual(fields);
    }

    for (const name of fixtureNames.filter((fixture) => expectedFor(fixture).outcome === 'failed')) {
      expect(itemFor(report, expectedFor(name).externalId).error).toBe(expectedFor(name).reason);
    }
    expect(itemFor(report, 'bad_headline_only').error).toMatch(/^bad_headline_only\.txt: no standfirst and no body/);
    expect(itemFor(report, 'bad_too_long').error).toMatch(/^bad_too_long\.txt: the headline is \d+ characters long/);
    expect(itemFor(report, 'bad_too_big').error).toMatch(/^bad_too_big\.txt: file is .* above the limit of 20000 bytes/);
    expect(itemFor(report, 'bad_binary').error).toMatch(/^bad_binary\.txt: binary data, not text/);
    const created = fixtureNames.filter((name) => expectedFor(name).outcome === 'created').length;
    expect(created).toBeGreaterThanOrEqual(16);
    expect(report.counts).toMatchObject({ created, failed: fixtureNames.length - created + Object.keys(badFiles).length });
  });

  it('refuse a symbolic link (even to a file inside) and a FIFO alike: never followed, never waited on', async () => {
    const outside = makeCaptureDir({ 'secret.txt': syntheticCapture({ title: 'A capture outside the import folder' }) });
    const dir = makeCaptureDir({ 'a_regular.txt': syntheticCapture({ title: 'A regular capture beside odd entries' }) });
    fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(dir, 'b_link.txt'));
    execFileSync('mkfifo', [path.join(dir, 'c_fifo.txt')]);
    fs.symlinkSync(path.join(dir, 'a_regular.txt'), path.join(dir, 'd_link_inside.txt'));
    const names = ['a_regular.txt', 'b_link.txt', 'c_fifo.txt', 'd_link_inside.txt'];

    const records = preview(names.map((name) => path.join(dir, name)));
    const report = await runImport(app.strapi, dir);

    expect(records.map((record) => [record.externalId, record.outcome])).toEqual([
      ['a_regular', 'parsed'],
      ['b_link', 'failed'],
      ['c_fifo', 'failed'],
      ['d_link_inside', 'failed'],
    ]);
    expect(records[1].reason).toBe('b_link.txt: a symbolic link, not a regular file: not read (only regular files inside the import folder are)');
    expect(records[2].reason).toBe('c_fifo.txt: a FIFO (named pipe), not a regular file: not read (only regular files inside the import folder are)');
    for (const record of records.slice(1)) expect(itemFor(report, record.externalId).error).toBe(record.reason);
    expect(itemFor(report, 'a_regular').outcome).toBe('created');
  });
});
