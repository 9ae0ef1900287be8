import { execFileSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allEntries } from '../../src/plugins/ingest/server/src/sources';
import { createFolderSource, describeFiles, hasEntries, listFolder, listingEntries, listInWorker, walkFolder, type ListingText } from '../../src/plugins/ingest/server/src/sources/folder';

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

/** The entries a listing's text names, all of them. */
const entriesOf = (text: string) => allEntries(listingEntries(text));

/** A worker's listing as one text, and its parts. */
const received = async (listing: ListingText) => {
  const parts: string[] = [];
  for await (const part of listing.parts) parts.push(part);
  return { length: listing.length, text: parts.join(''), parts: parts.length };
};

const stampOf = (relative: string) => {
  const stats = fs.lstatSync(path.join(dir, relative));
  return `${stats.size}:${stats.mtimeMs}`;
};

describe('listing an import folder', () => {
  it('names every *.txt below the folder in code-unit order, with the fingerprint of each regular file and none for the rest', async () => {
    const entries = await entriesOf(listFolder(fs, dir));
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
    expect(await received(await listInWorker(dir))).toEqual({ length: 9, text: listFolder(fs, dir), parts: 1 });
  });

  it('orders a folder’s files by their whole path: a folder named as a prefix of a file comes where its paths sort', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-listing-order-'));
    try {
      for (const relative of ['a/x.txt', 'a.txt', 'a-b.txt', 'a.b/y.txt', 'a0.txt']) {
        fs.mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
        fs.writeFileSync(path.join(root, relative), relative);
      }
      // '-' < '.' < '/' < '0': the folder a/ between a.txt and a0.txt, a.b/ before a.txt.
      expect(walkFolder(fs, root)).toEqual(['a-b.txt', 'a.b/y.txt', 'a.txt', 'a/x.txt', 'a0.txt']);
      const paths = walkFolder(fs, root);
      expect(describeFiles(fs, root, paths, 1, 3)).toBe(`a.b/y.txt\0${fs.statSync(path.join(root, 'a.b/y.txt')).size}:${fs.statSync(path.join(root, 'a.b/y.txt')).mtimeMs}\0a.txt\0${fs.statSync(path.join(root, 'a.txt')).size}:${fs.statSync(path.join(root, 'a.txt')).mtimeMs}\0`);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('lists an empty folder as no entries', async () => {
    const empty = path.join(dir, 'empty');
    expect(await received(await listInWorker(empty))).toEqual({ length: 0, text: '', parts: 0 });
    expect(await entriesOf('')).toEqual([]);
  });

  it('rejects from the worker when the folder cannot be listed, as listFolder throws here', async () => {
    const missing = path.join(dir, 'no-such-folder');
    await expect(listInWorker(missing)).rejects.toThrow(/ENOENT/);
    expect(() => listFolder(fs, missing)).toThrow(/ENOENT/);
  });

  it('makes the entries of a listing as they are iterated, counted before, the same on every pass', async () => {
    const text = listFolder(fs, dir);
    const listing = listingEntries(text);
    expect(listing.length).toBe(9);
    const first = await allEntries(listing);
    expect(first).toHaveLength(9);
    const second = await allEntries(listing);
    expect(second).toEqual(first);
    expect(first[0]).not.toBe(second[0]);
    expect(listingEntries('').length).toBe(0);
    expect(await entriesOf('')).toEqual([]);
    // A file with no fingerprint (a FIFO) and a name with a space both come through.
    expect(first.find((entry) => entry.name === 'pipe.txt')).toEqual({ name: 'pipe.txt', externalId: 'pipe', fingerprint: null });
    expect(first.at(-1)).toEqual({ name: 'with space é.txt', externalId: 'with space é', fingerprint: stampOf('with space é.txt') });
  });

  it('sees a file changed since the last listing by its fingerprint', async () => {
    const before = (await entriesOf(listFolder(fs, dir))).find((entry) => entry.name === 'b.txt')!.fingerprint;
    write('b.txt', 'bee, rewritten longer');
    const after = (await entriesOf(listFolder(fs, dir))).find((entry) => entry.name === 'b.txt')!.fingerprint;
    expect(after).not.toBe(before);
    expect(after).toBe(stampOf('b.txt'));
  });
});

describe('a folder source', () => {
  it('lists a small folder and a large one (listed on a worker thread, whose parts come in as it goes) as listFolder does', async () => {
    const large = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-listing-large-'));
    try {
      for (let index = 0; index < 5_100; index += 1) fs.writeFileSync(path.join(large, `${String(index).padStart(5, '0')}.txt`), `capture ${index}`);
      fs.mkdirSync(path.join(large, 'sub'));
      fs.writeFileSync(path.join(large, 'sub', 'inner.txt'), 'nested');
      for (const folder of [dir, large]) {
        const listing = await createFolderSource(folder, { maxBytes: 1_000_000 }).list();
        const expected = await entriesOf(listFolder(fs, folder));
        expect(listing).toHaveLength(expected.length);
        expect(await allEntries(listing)).toEqual(expected);
      }
      // 5,101 files: the worker's parts of 4,096 files make two, in order.
      const fromWorker = await received(await listInWorker(large));
      expect(fromWorker).toEqual({ length: 5_101, text: listFolder(fs, large), parts: 2 });
      const parts: number[] = [];
      for await (const part of (await createFolderSource(large, { maxBytes: 1_000_000 }).list()).parts()) parts.push([...part].length);
      expect(parts).toEqual([4_096, 1_005]);
      const listed = await allEntries(await createFolderSource(`${large}/`, { maxBytes: 1_000_000 }).list());
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
