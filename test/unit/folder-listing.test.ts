import { execFileSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFolderSource, hasEntries, listFolder, listingEntries, listInWorker } from '../../src/plugins/ingest/server/src/sources/folder';

let dir: string;

const write = (relative: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
  fs.writeFileSync(path.join(dir, relative), text);
};

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-listing-'));
  write('b.txt', 'bee');
  write('a.TXT', 'upper-case extension');
  write('Zed.txt', 'capital first: sorts before lower case');
  write('nested/deeper/c.txt', 'three levels down');
  write('nested/d.txt', 'two levels down');
  write('notes.md', 'not a capture');
  write('with space é.txt', 'a name with a space and an accent');
  fs.mkdirSync(path.join(dir, 'empty'));
  fs.symlinkSync(path.join(dir, 'b.txt'), path.join(dir, 'link.txt'));
  fs.symlinkSync(path.join(dir, 'nested'), path.join(dir, 'linked-folder'));
  fs.symlinkSync(path.join(dir, 'notes.md'), path.join(dir, 'link-to-notes'));
  execFileSync('mkfifo', [path.join(dir, 'pipe.txt')]);
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const stampOf = (relative: string) => {
  const stats = fs.lstatSync(path.join(dir, relative));
  return `${stats.size}:${stats.mtimeMs}`;
};

describe('listing an import folder', () => {
  it('names every *.txt below the folder in code-unit order, with the fingerprint of each regular file and none for the rest', () => {
    const entries = [...listingEntries(listFolder(fs, dir))];
    expect(entries).toEqual([
      { name: 'Zed.txt', externalId: 'Zed', fingerprint: stampOf('Zed.txt') },
      { name: 'a.TXT', externalId: 'a', fingerprint: stampOf('a.TXT') },
      { name: 'b.txt', externalId: 'b', fingerprint: stampOf('b.txt') },
      // Listed so that it is reported failed, never followed.
      { name: 'link.txt', externalId: 'link', fingerprint: null },
      { name: 'linked-folder', externalId: 'linked-folder', fingerprint: null },
      { name: 'nested/d.txt', externalId: 'd', fingerprint: stampOf('nested/d.txt') },
      { name: 'nested/deeper/c.txt', externalId: 'c', fingerprint: stampOf('nested/deeper/c.txt') },
      { name: 'pipe.txt', externalId: 'pipe', fingerprint: null },
      { name: 'with space é.txt', externalId: 'with space é', fingerprint: stampOf('with space é.txt') },
    ]);
  });

  it('gives the same text from the worker thread as in this one', async () => {
    expect(await listInWorker(dir)).toBe(listFolder(fs, dir));
  });

  it('lists an empty folder as no entries', async () => {
    const empty = path.join(dir, 'empty');
    expect(await listInWorker(empty)).toBe('');
    expect([...listingEntries('')]).toEqual([]);
  });

  it('rejects from the worker when the folder cannot be listed, as listFolder throws here', async () => {
    const missing = path.join(dir, 'no-such-folder');
    await expect(listInWorker(missing)).rejects.toThrow(/ENOENT/);
    expect(() => listFolder(fs, missing)).toThrow(/ENOENT/);
  });

  it('makes the entries of a listing as they are iterated, counted before, the same on every pass', () => {
    const text = listFolder(fs, dir);
    const listing = listingEntries(text);
    expect(listing.length).toBe(9);
    const first = [...listing];
    expect(first).toHaveLength(9);
    expect([...listing]).toEqual(first);
    expect(first[0]).not.toBe([...listing][0]);
    expect(listingEntries('').length).toBe(0);
    expect([...listingEntries('')]).toEqual([]);
    // A file with no fingerprint (a FIFO) and a name with a space both come through.
    expect(first.find((entry) => entry.name === 'pipe.txt')).toEqual({ name: 'pipe.txt', externalId: 'pipe', fingerprint: null });
    expect(first.at(-1)).toEqual({ name: 'with space é.txt', externalId: 'with space é', fingerprint: stampOf('with space é.txt') });
  });

  it('sees a file changed since the last listing by its fingerprint', () => {
    const before = [...listingEntries(listFolder(fs, dir))].find((entry) => entry.name === 'b.txt')!.fingerprint;
    write('b.txt', 'bee, rewritten longer');
    const after = [...listingEntries(listFolder(fs, dir))].find((entry) => entry.name === 'b.txt')!.fingerprint;
    expect(after).not.toBe(before);
    expect(after).toBe(stampOf('b.txt'));
  });
});

describe('a folder source', () => {
  it('lists a small folder and a large one (listed on a worker thread) as listFolder does', async () => {
    const large = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-listing-large-'));
    try {
      for (let index = 0; index < 5_100; index += 1) fs.writeFileSync(path.join(large, `${String(index).padStart(5, '0')}.txt`), `capture ${index}`);
      fs.mkdirSync(path.join(large, 'sub'));
      fs.writeFileSync(path.join(large, 'sub', 'inner.txt'), 'nested');
      for (const folder of [dir, large]) {
        const listing = await createFolderSource(folder, { maxBytes: 1_000_000 }).list();
        expect(listing).toHaveLength([...listingEntries(listFolder(fs, folder))].length);
        expect([...listing]).toEqual([...listingEntries(listFolder(fs, folder))]);
      }
      const listed = [...(await createFolderSource(`${large}/`, { maxBytes: 1_000_000 }).list())];
      expect(listed).toHaveLength(5_101);
      expect(listed.at(-1)).toMatchObject({ name: 'sub/inner.txt', externalId: 'inner' });
    } finally {
      fs.rmSync(large, { recursive: true, force: true });
    }
  });
});

describe('whether a folder is large enough for the listing worker', () => {
  it('counts entries through its subfolders, and stops at the count', () => {
    // The fixture: 10 entries at the top (the FIFO and links included), 3 in nested/, 1 in
    // nested/deeper/ — 14, not through the linked folder (whose 3 entries would make 17).
    expect(hasEntries(dir, 14)).toBe(true);
    expect(hasEntries(dir, 15)).toBe(false);
  });

  it('counts a subfolder it cannot read as empty (the listing reports it)', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-count-'));
    try {
      fs.mkdirSync(path.join(folder, 'closed'));
      for (let index = 0; index < 5; index += 1) fs.writeFileSync(path.join(folder, 'closed', `${index}.txt`), 'x');
      fs.chmodSync(path.join(folder, 'closed'), 0);
      // As root the folder is readable all the same: then its five entries count.
      const readable = (() => {
        try {
          fs.readdirSync(path.join(folder, 'closed'));
          return true;
        } catch {
          return false;
        }
      })();
      expect(hasEntries(folder, 6)).toBe(readable);
      expect(hasEntries(folder, 1)).toBe(true);
      expect(hasEntries(path.join(folder, 'missing'), 1)).toBe(false);
    } finally {
      fs.chmodSync(path.join(folder, 'closed'), 0o755);
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
