import * as fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { errors } from '@strapi/utils';
import { externalIdOf } from '../parse/identity';
import { readCaptureBytes } from '../read';
import type { CaptureSource, EntryList, SourceEntry } from './types';

export interface FolderEntry extends SourceEntry {
  name: string;
}

/**
 * Every `*.txt` below `dir`, recursively, in code-unit order of their paths (not locale order,
 * so every machine agrees). A symbolic link, FIFO, socket or device named `*.txt` — or a link
 * to a folder, whatever its name — is listed too, so that it is reported failed with its
 * reason. Folders are told by the type the folder's own listing gives (no look at each entry:
 * that is describeFiles' work, done in order after this, see listInWorker). Self-contained —
 * no import, no name from outside, `fs` passed in — because it also runs as the source text of
 * the listing worker.
 */
export function walkFolder(files: Pick<typeof fs, 'readdirSync' | 'statSync'>, dir: string): string[] {
  const paths: string[] = [];
  const walk = (relative: string) => {
    for (const entry of files.readdirSync(relative ? `${dir}/${relative}` : dir, { withFileTypes: true })) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else if (entry.name.toLowerCase().endsWith('.txt')) paths.push(child);
      else if (entry.isSymbolicLink() && files.statSync(`${dir}/${child}`, { throwIfNoEntry: false })?.isDirectory()) paths.push(child);
    }
  };
  walk('');
  return paths.sort();
}

/**
 * The listing's text for `paths[from]` to `paths[to - 1]`: `path NUL fingerprint NUL` per
 * path (no file name holds a NUL), the fingerprint `size:mtimeMs` of a regular file (not
 * following links) and empty for anything else. One `lstat` per file, its line made then: the
 * text crosses from the listing worker as one string, where 200,000 strings were each copied
 * into the import's heap. Self-contained, as walkFolder.
 */
export function describeFiles(files: Pick<typeof fs, 'lstatSync'>, dir: string, paths: string[], from: number, to: number): string {
  const lines: string[] = [];
  for (let index = from; index < to; index += 1) {
    let stats: fs.Stats | undefined;
    try {
      stats = files.lstatSync(`${dir}/${paths[index]}`, { throwIfNoEntry: false });
    } catch {
      // Unreadable, or gone since the folder was read: a capture is read, and reported, as it is then.
    }
    lines.push(stats?.isFile() ? `${paths[index]}\0${stats.size}:${stats.mtimeMs}\0` : `${paths[index]}\0\0`);
  }
  return lines.join('');
}

/** The whole listing's text (walkFolder, then describeFiles), on this thread. */
export const listFolder = (files: Pick<typeof fs, 'readdirSync' | 'lstatSync' | 'statSync'>, dir: string): string => {
  const paths = walkFolder(files, dir);
  return describeFiles(files, dir, paths, 0, paths.length);
};

/**
 * Files the listing worker describes per message. The import works through a part while the
 * worker looks at the next files: at 100,000 files their `lstat`s were the longest thing an
 * unchanged run waited for, and the loop only began once the last was done.
 */
const LISTING_PART = 4_096;

/**
 * The listing worker's program: walkFolder's and describeFiles' own text, run on the folder it
 * is given. It says how many files first, then sends their text a part at a time, then null.
 * A transpiler that keeps function names (tsx does) wraps inner functions in a `__name` helper
 * of its module: the worker gets one that does nothing.
 */
const WORKER_SOURCE = `
const __name = (target) => target;
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const walkFolder = ${walkFolder.toString()};
const describeFiles = ${describeFiles.toString()};
const { dir, part } = workerData;
const paths = walkFolder(fs, dir);
parentPort.postMessage(paths.length);
for (let from = 0; from < paths.length; from += part) parentPort.postMessage(describeFiles(fs, dir, paths, from, Math.min(from + part, paths.length)));
parentPort.postMessage(null);
`;

/**
 * The listing worker's young generation. Its isolate would otherwise size it by the process's
 * flags (`--max-semi-space-size=4`, see `npm run seed`), and the listing, which keeps most of
 * what it makes, was collected there some 170 times at 100,000 files under a 1 MB one.
 */
const LISTING_YOUNG_GENERATION_MB = 32;

/** A listing's text as it arrives: how many files, and their text a part at a time (see listingEntries), to be gone through once. */
export interface ListingText {
  length: number;
  parts: AsyncIterable<string>;
}

/**
 * The folder listed in a worker thread. An lstat per file makes a `fs.Stats` of most of a
 * kilobyte: at 100,000 files, ~85 MB of garbage and a third of an unchanged re-import when made
 * on the import's own thread, whose heap (Strapi's) makes every collection dear. In a worker
 * the listing runs while the import loads its catalog, and answers once the folder's files are
 * known and sorted: their text follows a part at a time (see LISTING_PART). Rejects if the
 * worker fails before that for any reason, the folder's own errors included (the caller lists
 * again in this thread, which throws those); a failure after it ends the iteration of the parts.
 */
export const listInWorker = (dir: string): Promise<ListingText> =>
  new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { dir, part: LISTING_PART }, resourceLimits: { maxYoungGenerationSizeMb: LISTING_YOUNG_GENERATION_MB } });
    const arrived: string[] = [];
    let ended = false;
    let failure: Error | null = null;
    let wake: (() => void) | null = null;
    const settle = () => {
      wake?.();
      wake = null;
    };
    const parts = async function* () {
      for (;;) {
        if (arrived.length > 0) yield arrived.shift()!;
        else if (failure) throw failure;
        else if (ended) return;
        else await new Promise<void>((resolve) => (wake = resolve));
      }
    };
    worker.on('message', (message: number | string | null) => {
      if (typeof message === 'number') resolve({ length: message, parts: parts() });
      else if (message === null) ended = true;
      else arrived.push(message);
      settle();
    });
    const fail = (error: Error) => {
      if (ended) return;
      failure = error;
      reject(error);
      settle();
    };
    worker.once('error', fail);
    worker.once('exit', (code) => fail(new Error(`the listing worker exited with ${code}`)));
  });

/** How many entries a listing's text names (two NULs each). */
const countEntries = (text: string) => {
  let ends = 0;
  for (let at = text.indexOf('\0'); at !== -1; at = text.indexOf('\0', at + 1)) ends += 1;
  return ends >> 1;
};

function* entriesOf(text: string): Iterable<FolderEntry> {
  for (let start = 0; start < text.length; ) {
    const nameEnd = text.indexOf('\0', start);
    const end = text.indexOf('\0', nameEnd + 1);
    const name = text.slice(start, nameEnd);
    yield { externalId: externalIdOf(name), name, fingerprint: end > nameEnd + 1 ? text.slice(nameEnd + 1, end) : null };
    start = end + 1;
  }
}

/**
 * The entries a listing's text names (see describeFiles), in its order, each made when the
 * iteration reaches it, a part of the text at a time as it arrives: an import keeps only what
 * its report needs of an entry (its name and external id), and 100,000 entries made at once,
 * with their fingerprints, were kept through the whole run. A text is listed again on every
 * pass; a worker's listing once.
 */
export const listingEntries = (listing: ListingText | string): EntryList<FolderEntry> => {
  const { length, parts } = typeof listing === 'string' ? { length: countEntries(listing), parts: [listing] } : listing;
  return {
    length,
    async *parts() {
      for await (const text of parts) yield entriesOf(text);
    },
  };
};


/**
 * Entries (files and folders, at any depth) from which a folder is listed on a worker thread:
 * below, listing it here costs less than starting a worker (~40 ms here: an unchanged run of
 * 2,000 files took 0.11 s with one against 0.06 s without). Counted through the subfolders: an
 * archive kept by date (`2026/11/30/*.txt`) has a handful of entries at its top, and 100,000
 * files listed here made its unchanged re-import 40 % slower (1.44–1.71 s against 1.05–1.18 s
 * for the same files in one folder).
 */
const WORKER_FROM_ENTRIES = 5_000;

/**
 * Whether the folder holds at least `count` entries, its subfolders included, read no further
 * than that. A subfolder that cannot be read counts as none: the listing says what is wrong.
 */
export const hasEntries = (dir: string, count: number): boolean => {
  let seen = 0;
  const folders = [dir];
  while (folders.length > 0) {
    const folder = folders.pop()!;
    let handle: fs.Dir;
    try {
      handle = fs.opendirSync(folder, { bufferSize: 1024 });
    } catch {
      continue;
    }
    try {
      for (let entry = handle.readSync(); entry !== null; entry = handle.readSync()) {
        seen += 1;
        if (seen >= count) return true;
        if (entry.isDirectory()) folders.push(`${folder}/${entry.name}`);
      }
    } catch {
      // Unreadable part way: what was counted stands.
    } finally {
      handle.closeSync();
    }
  }
  return false;
};

/**
 * The `*.txt` files below `dir` (see listFolder), imported in order. Only regular files inside
 * the folder are read: a file swapped for a link or a device during the run is refused when
 * read (`readCaptureBytes`, the read `npm run parse` uses too: opened without following links
 * and without blocking, then checked — a regular file, whose real path is inside the folder).
 */
export const createFolderSource = (dir: string, options: { maxBytes: number; warn?: (message: string) => void }): CaptureSource<FolderEntry> => {
  let realRoot: string | null = null;

  return {
    location: dir,
    complete: true,

    async list() {
      // Checked before the first await, so that the worker starts at once, before whatever the
      // run does next on this thread.
      let info: fs.Stats;
      try {
        info = fs.statSync(dir);
      } catch (error) {
        const { code, message } = error as NodeJS.ErrnoException;
        throw new errors.ApplicationError(`Cannot read the import folder ${dir}: ${code === 'ENOENT' ? 'no such folder' : message}`);
      }
      if (!info.isDirectory()) throw new errors.ApplicationError(`The import folder ${dir} is not a folder`);
      realRoot = fs.realpathSync(dir);
      const root = dir.endsWith(path.sep) && dir.length > 1 ? dir.slice(0, -1) : dir;
      if (!hasEntries(root, WORKER_FROM_ENTRIES)) return listingEntries(listFolder(fs, root));
      const listing = await listInWorker(root).catch((error: Error) => {
        // The folder's own errors are thrown here; past this line the worker itself failed.
        const listed = listFolder(fs, root);
        options.warn?.(`The import folder ${dir} was listed on the import's own thread (slower): its listing worker failed: ${error.message}`);
        return listed;
      });
      return listingEntries(listing);
    },

    read(entry) {
      realRoot ??= fs.realpathSync(dir);
      return readCaptureBytes(path.join(dir, entry.name), { maxBytes: options.maxBytes, inside: realRoot });
    },
  };
};
