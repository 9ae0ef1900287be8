import { EventEmitter } from 'events';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { allEntries } from '../../src/plugins/ingest/server/src/sources';
import { createFolderSource, listFolder, listingEntries } from '../../src/plugins/ingest/server/src/sources/folder';

// (vitest hoists this above the imports.) A machine where a worker thread cannot start (or its code broke): every worker fails at once.
vi.mock('node:worker_threads', () => ({
  Worker: class extends EventEmitter {
    constructor() {
      super();
      setImmediate(() => this.emit('error', new Error('no worker for you')));
    }
  },
}));

let dir: string;
let byDate: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-fallback-'));
  // Enough entries at the top level for the folder to be listed on a worker thread.
  for (let index = 0; index < 5_000; index += 1) fs.writeFileSync(path.join(dir, `${String(index).padStart(4, '0')}.txt`), `capture ${index}`);
  // An archive kept by date: two entries at its top, 5,000 files below.
  byDate = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-fallback-by-date-'));
  for (let index = 0; index < 5_000; index += 1) {
    const day = path.join(byDate, `2026-${index < 2_500 ? '11' : '12'}`, `${String(1 + (index % 25)).padStart(2, '0')}`);
    fs.mkdirSync(day, { recursive: true });
    fs.writeFileSync(path.join(day, `${String(index).padStart(4, '0')}.txt`), `capture ${index}`);
  }
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(byDate, { recursive: true, force: true });
});

describe('a large folder whose listing worker fails', () => {
  it('is listed on the import’s thread all the same, and says so in a warning naming the folder and the reason', async () => {
    const warnings: string[] = [];
    const source = createFolderSource(dir, { maxBytes: 1024, warn: (message) => warnings.push(message) });
    const listing = await source.list();
    expect(listing).toHaveLength(5_000);
    const entries = await allEntries(listing);
    expect(entries).toEqual(await allEntries(listingEntries(listFolder(fs, dir))));
    expect(warnings).toEqual([expect.stringContaining(`The import folder ${dir} was listed on the import's own thread`)]);
    expect(warnings[0]).toContain('no worker for you');
  });

  it('is tried for an archive kept in dated subfolders too (its files counted below its top level)', async () => {
    const warnings: string[] = [];
    const listing = await createFolderSource(byDate, { maxBytes: 1024, warn: (message) => warnings.push(message) }).list();
    expect(listing).toHaveLength(5_000);
    const entries = await allEntries(listing);
    expect(entries).toEqual(await allEntries(listingEntries(listFolder(fs, byDate))));
    // The warning shows a worker was started for it (and failed, on this machine without workers).
    expect(warnings).toEqual([expect.stringContaining(`The import folder ${byDate} was listed on the import's own thread`)]);
  });
});
