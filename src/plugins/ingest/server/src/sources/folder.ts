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
 * Every `*.txt` below `dir`, recursively, in code-unit order (not locale order, so every machine
 * agrees), each with its fingerprint: `size:mtimeMs` of a regular file (not following links),
 * empty for anything else. A symbolic link, FIFO, socket or device named `*.txt` — or a link to
 * a folder — is listed, so that it is reported failed with its reason.
 *
 * The answer is one text, `path NUL fingerprint NUL` per file (no file name holds a NUL): it
 * crosses from the listing worker as one string, where 200,000 strings were each copied into
 * this thread's heap. Each file is looked at once (`lstat`, which also tells a folder), its line
 * made then, and the lines sorted as they are: NUL sorts before any character of a name, so in
 * the order of their paths. (Read with their types, then looked at again for a fingerprint, and
 * the text added to a file at a time, 100,000 files took a tenth longer.) Self-contained — no
 * import, no name from outside, `fs` passed in — because it also runs as the source text of
 * that worker (see listInWorker).
 */
export function listFolder(files: Pick<typeof fs, 'readdirSync' | 'lstatSync' | 'statSync'>, dir: string): string {
  const lines: string[] = [];
  const walk = (relative: string) => {
    for (const name of files.readdirSync(relative ? `${dir}/${relative}` : dir)) {
      const child = relative ? `${relative}/${name}` : name;
      let stats: fs.Stats | undefined;
      try {
        stats = files.lstatSync(`${dir}/${child}`, { throwIfNoEntry: false });
      } catch {
        // Unreadable, or gone since the folder was read: a capture is read, and reported, as it is then.
      }
      if (stats?.isDirectory()) walk(child);
      else if (name.toLowerCase().endsWith('.txt')) lines.push(stats?.isFile() ? `${child}\0${stats.size}:${stats.mtimeMs}` : `${child}\0`);
      else if (stats?.isSymbolicLink() && files.statSync(`${dir}/${child}`, { throwIfNoEntry: false })?.isDirectory()) lines.push(`${child}\0`);
    }
  };
  walk('');
  lines.sort();
  return lines.length === 0 ? '' : `${lines.join('\0')}\0`;
}

/**
 * The listing worker's program: listFolder's own text, run on the folder it is given. A
 * transpiler that keeps function names (tsx does) wraps inner functions in a `__name` helper
 * of its module: the worker gets one that does nothing.
 */
const WORKER_SOURCE = `
const __name = (target) => target;
const { parentPort, workerData } = require('node:worker_threads');
const listFolder = ${listFolder.toString()};
parentPort.postMessage(listFolder(require('node:fs'), workerData.dir));
`;

/**
 * The listing worker's young generation. Its isolate would otherwise size it by the process's
 * flags: `--optimize-for-size` (see `npm run seed`) keeps it at about 1 MB, and the listing,
 * which keeps most of what it makes, was collected there some 170 times at 100,000 files.
 */
const LISTING_YOUNG_GENERATION_MB = 32;

/**
 * listFolder in a worker thread. An lstat per file makes a `fs.Stats` of most of a kilobyte:
 * at 100,000 files, ~85 MB of garbage and a third of an unchanged re-import when made on the
 * import's own thread, whose heap (Strapi's, with a small young generation) makes every
 * collection dear. In a worker the listing runs while the import loads its catalog. Rejects if
 * the worker fails for any reason, the folder's own errors included: the caller lists again in
 * this thread, which throws those.
 */
export const listInWorker = (dir: string): Promise<string> =>
  new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { dir }, resourceLimits: { maxYoungGenerationSizeMb: LISTING_YOUNG_GENERATION_MB } });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the listing worker exited with ${code}`)));
  });

/**
 * The entries a listing's text names (see listFolder), in its order, each made when the
 * iteration reaches it: an import keeps only what its report needs of an entry (its name and
 * external id), and 100,000 entries made at once, with their fingerprints, were kept through
 * the whole run (about twice as long on the import's thread, most of it the garbage collector).
 */
export const listingEntries = (text: string): EntryList<FolderEntry> => {
  let ends = 0;
  for (let at = text.indexOf('\0'); at !== -1; at = text.indexOf('\0', at + 1)) ends += 1;
  return {
    length: ends >> 1,
    *[Symbol.iterator]() {
      for (let start = 0; start < text.length; ) {
        const nameEnd = text.indexOf('\0', start);
        const end = text.indexOf('\0', nameEnd + 1);
        const name = text.slice(start, nameEnd);
        yield { externalId: externalIdOf(name), name, fingerprint: end > nameEnd + 1 ? text.slice(nameEnd + 1, end) : null };
        start = end + 1;
      }
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
      const text = await listInWorker(root).catch((error: Error) => {
        // The folder's own errors are thrown here; past this line the worker itself failed.
        const listed = listFolder(fs, root);
        options.warn?.(`The import folder ${dir} was listed on the import's own thread (slower): its listing worker failed: ${error.message}`);
        return listed;
      });
      return listingEntries(text);
    },

    read(entry) {
      realRoot ??= fs.realpathSync(dir);
      return readCaptureBytes(path.join(dir, entry.name), { maxBytes: options.maxBytes, inside: realRoot });
    },
  };
};
