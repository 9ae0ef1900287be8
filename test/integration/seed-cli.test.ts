import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { examplesDir, makeCaptureDir, syntheticCapture } from '../helpers/captures';
import { runSeed } from '../helpers/cli';
import { createTestDatabase, type TestDatabase } from '../helpers/database';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.drop();
});

describe('npm run seed', () => {
  it('--help prints the usage and exits 0 without booting', async () => {
    const result = await runSeed(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Usage: npm run seed -- \[options\]/);
    expect(result.stdout).toMatch(/--dry-run/);
  });

  it('a bad flag exits 2 naming it', async () => {
    const result = await runSeed(['--publsh']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown option: --publsh/);
  });

  it('--json prints the report alone on stdout, in the contract shape, and exits 1 when a file failed', async () => {
    const result = await runSeed(['--dir', examplesDir(), '--json'], database.env);
    expect(result.code, result.stderr).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(Object.keys(report)).toEqual(['runId', 'startedAt', 'finishedAt', 'dryRun', 'counts', 'items', 'missing']);
    expect(report.counts).toEqual({ created: 8, updated: 0, unchanged: 0, failed: 2, duplicate: 0, conflicted: 0 });
    expect(Object.keys(report.items[0])).toEqual(['file', 'externalId', 'outcome', 'documentId', 'warnings', 'conflicts', 'error']);
    expect(report.items.find((item: { externalId: string }) => item.externalId === '009_d3c644c436ce3abd').error).toMatch(
      /009_d3c644c436ce3abd\.txt: empty file/
    );
  });

  it('prints a summary table and progress on stderr, and exits 0 when nothing failed', async () => {
    const files = Object.fromEntries(
      Array.from({ length: 12 }, (_, index) => [`story_${String(index).padStart(2, '0')}.txt`, syntheticCapture({ title: `Table story number ${index}` })])
    );
    const result = await runSeed(['--dir', makeCaptureDir(files)], database.env);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^OUTCOME\s+FILE\s+NOTES/m);
    expect(result.stdout).toMatch(/^created\s+story_00\.txt/m);
    expect(result.stdout).toMatch(/12 created, 0 updated, 0 unchanged, 0 duplicate, 0 failed, 0 with conflicts/);
    expect(result.stderr).toMatch(/\[12\/12\] 100%/);
  });

  it('exits 2 when the folder cannot be read', async () => {
    const result = await runSeed(['--dir', '/nonexistent/captures', '--json'], database.env);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/no such folder/);
  });

  it('exits 2 when the database is unreachable', async () => {
    const result = await runSeed(['--json'], {
      DATABASE_CLIENT: 'postgres',
      DATABASE_HOST: '127.0.0.1',
      DATABASE_PORT: '9',
      DATABASE_URL: '',
      DATABASE_CONNECTION_TIMEOUT: '2000',
    });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/could not start Strapi/);
  });
});
