import { closeSync, constants, fstatSync, lstatSync, openSync, readlinkSync, realpathSync, statSync, type Stats } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { errors } from '@strapi/utils';
import { externalIdOf } from '../parse/identity';
import { readOpen } from '../read';
import type { CaptureSource, EntryBytes, SourceEntry } from './types';

export interface FolderEntry extends SourceEntry {
  name: string;
}

/** Opened without following a last-component link, and without waiting on a FIFO's writer. */
const OPEN_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const kindOf = (stats: Stats) => {
  if (stats.isSymbolicLink()) return 'a symbolic link';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isDirectory()) return 'a folder';
  return 'a special file';
};

const notRegular = (stats: Stats): EntryBytes => ({ ok: false, reason: `${kindOf(stats)}, not a regular file: not read (only regular files inside the import folder are)` });

const describeFsError = (error: unknown): string => {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return error instanceof Error ? error.message : String(error);
};

/** `size:mtimeMs` of a regular file (not following links); null for anything else. */
const fileStamp = (file: string): string | null => {
  try {
    const stats = lstatSync(file, { throwIfNoEntry: false });
    return stats?.isFile() ? `${stats.size}:${stats.mtimeMs}` : null;
  } catch {
    return null;
  }
};

/** Where an open descriptor's file really is (Linux names it in /proc); else the path's real path. */
const realPathOf = (descriptor: number, file: string): string | null => {
  try {
    return readlinkSync(`/proc/self/fd/${descriptor}`);
  } catch {
    try {
      return realpathSync(file);
    } catch {
      return null;
    }
  }
};

const isInside = (file: string, folder: string) => file.startsWith(folder.endsWith(path.sep) ? folder : `${folder}${path.sep}`);

/**
 * Every `*.txt` below `dir`, recursively, imported in sorted path order (code-unit order, not
 * locale order, so every machine agrees). Only regular files inside the folder are read: a
 * symbolic link, FIFO, socket or device named `*.txt` — or a link to a folder — is listed, so
 * that it is reported failed with its reason, and never opened. A file swapped for one of
 * those during the run is refused when read: it is opened without following links and without
 * blocking, then checked (a regular file, whose real path is inside the folder).
 */
export const createFolderSource = (dir: string, options: { maxBytes: number }): CaptureSource<FolderEntry> => {
  let realRoot: string | null = null;

  const listNames = async (): Promise<string[]> => {
    const found: string[] = [];
    const walk = async (relative: string) => {
      const entries = await readdir(path.join(dir, relative), { withFileTypes: true });
      for (const entry of entries) {
        const child = relative ? `${relative}/${entry.name}` : entry.name;
        if (entry.isDirectory()) await walk(child);
        else if (entry.name.toLowerCase().endsWith('.txt')) found.push(child);
        else if (entry.isSymbolicLink() && statSync(path.join(dir, child), { throwIfNoEntry: false })?.isDirectory()) found.push(child);
      }
    };
    await walk('');
    return found.sort(byCodeUnit);
  };

  return {
    location: dir,
    complete: true,

    async list() {
      const info = await stat(dir).catch((error: NodeJS.ErrnoException) => {
        throw new errors.ApplicationError(`Cannot read the import folder ${dir}: ${error.code === 'ENOENT' ? 'no such folder' : error.message}`);
      });
      if (!info.isDirectory()) throw new errors.ApplicationError(`The import folder ${dir} is not a folder`);
      realRoot = realpathSync(dir);
      // One join for the folder, not one per file: at 100,000 files the joins were a tenth of listing.
      const prefix = path.join(dir, path.sep);
      return (await listNames()).map((name) => ({ externalId: externalIdOf(name), name, fingerprint: fileStamp(prefix + name) }));
    },

    async read(entry) {
      const file = path.join(dir, entry.name);
      // Looked at before opening: a device is not even opened.
      let before: Stats;
      try {
        before = lstatSync(file);
      } catch (error) {
        return { ok: false, reason: `cannot be read: ${describeFsError(error)}` };
      }
      if (!before.isFile()) return notRegular(before);
      let descriptor: number;
      try {
        descriptor = openSync(file, OPEN_FLAGS);
      } catch (error) {
        // Swapped for a link since the look above.
        if ((error as NodeJS.ErrnoException).code === 'ELOOP') return { ok: false, reason: 'a symbolic link, not a regular file: not read (only regular files inside the import folder are)' };
        return { ok: false, reason: `cannot be read: ${describeFsError(error)}` };
      }
      try {
        const opened = fstatSync(descriptor);
        if (!opened.isFile()) return notRegular(opened);
        const real = realPathOf(descriptor, file);
        realRoot ??= realpathSync(dir);
        if (real === null || !isInside(real, realRoot)) return { ok: false, reason: 'resolves outside the import folder (through a linked folder): not read' };
        return readOpen(descriptor, options.maxBytes);
      } catch (error) {
        return { ok: false, reason: `cannot be read: ${describeFsError(error)}` };
      } finally {
        closeSync(descriptor);
      }
    },
  };
};
