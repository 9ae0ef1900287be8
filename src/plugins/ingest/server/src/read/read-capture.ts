import { closeSync, constants, fstatSync, lstatSync, openSync, readlinkSync, readSync, realpathSync, type Stats } from 'node:fs';
import path from 'node:path';

export type ReadBytesResult = { ok: true; bytes: Buffer } | { ok: false; reason: string };

const CHUNK_BYTES = 64 * 1024;

/** Opened without following a last-component link, and without waiting on a FIFO's writer. */
const OPEN_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;

const NOT_REGULAR = 'not a regular file: not read (only regular files inside the import folder are)';

export interface ReadCaptureOptions {
  maxBytes: number;
  /** The import folder's real path: a file whose real path is elsewhere (a linked folder) is refused. */
  inside?: string;
}

/**
 * The capture's bytes, undecoded (the importer hashes them before deciding to parse), or why
 * they are not read. The folder import and `npm run parse` both read through here, so a
 * preview refuses what an import refuses, in the same words. Only a regular file is read: it
 * is looked at before opening (a device is never opened), opened without following a link and
 * without blocking on a FIFO, and looked at again once open (it may have been swapped between
 * the two). Read synchronously: a capture is a few kilobytes, and four thread-pool round trips
 * per file (open, stat, read, close) cost more than the read itself when a re-import reads
 * thousands of them. A file above `maxBytes` is refused from its size alone.
 */
export async function readCaptureBytes(file: string, options: ReadCaptureOptions): Promise<ReadBytesResult> {
  let before: Stats;
  try {
    before = lstatSync(file);
  } catch (error) {
    return cannotRead(error);
  }
  if (!before.isFile()) return notRegular(before);
  let descriptor: number;
  try {
    descriptor = openSync(file, OPEN_FLAGS);
  } catch (error) {
    // Swapped for a link since the look above.
    if ((error as NodeJS.ErrnoException).code === 'ELOOP') return { ok: false, reason: `a symbolic link, ${NOT_REGULAR}` };
    return cannotRead(error);
  }
  try {
    const opened = fstatSync(descriptor);
    if (!opened.isFile()) return notRegular(opened);
    if (options.inside !== undefined && !isInside(realPathOf(descriptor, file), options.inside)) {
      return { ok: false, reason: 'resolves outside the import folder (through a linked folder): not read' };
    }
    return readOpen(descriptor, opened.size, options.maxBytes);
  } catch (error) {
    return cannotRead(error);
  } finally {
    closeSync(descriptor);
  }
}

/** Reads an open regular file of `size` bytes, refused above `maxBytes`. */
function readOpen(descriptor: number, size: number, maxBytes: number): ReadBytesResult {
  if (size > maxBytes) return { ok: false, reason: tooLarge(size, maxBytes) };
  const bytes = readAtMost(descriptor, maxBytes, size);
  // The file may have grown between the size check and the read.
  if (bytes.length > maxBytes) return { ok: false, reason: tooLarge(bytes.length, maxBytes) };
  return { ok: true, bytes };
}

/** Reads up to one byte past the limit, which is enough to know the limit was passed. */
function readAtMost(descriptor: number, maxBytes: number, expectedSize: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  // The first read sizes its buffer to the file (one byte more shows it grew since the stat).
  let size = Math.min(expectedSize + 1, maxBytes + 1);
  while (total <= maxBytes) {
    const chunk = Buffer.allocUnsafe(size);
    const bytesRead = readSync(descriptor, chunk, 0, chunk.length, null);
    if (bytesRead === 0) break;
    chunks.push(chunk.subarray(0, bytesRead));
    total += bytesRead;
    // A regular file reads short only at its end: the file as sized, not one more call to hear so.
    if (bytesRead < chunk.length) break;
    size = Math.min(CHUNK_BYTES, maxBytes + 1 - total);
  }
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
}

const kindOf = (stats: Stats) => {
  if (stats.isSymbolicLink()) return 'a symbolic link';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isDirectory()) return 'a folder';
  return 'a special file';
};

const notRegular = (stats: Stats): ReadBytesResult => ({ ok: false, reason: `${kindOf(stats)}, ${NOT_REGULAR}` });

const cannotRead = (error: unknown): ReadBytesResult => ({ ok: false, reason: `cannot be read: ${describeFsError(error)}` });

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a folder';
  return error instanceof Error ? error.message : String(error);
}

/** Where an open descriptor's file really is (Linux names it in /proc); else the path's real path. */
function realPathOf(descriptor: number, file: string): string | null {
  try {
    return readlinkSync(`/proc/self/fd/${descriptor}`);
  } catch {
    try {
      return realpathSync(file);
    } catch {
      return null;
    }
  }
}

const isInside = (file: string | null, folder: string) => file !== null && file.startsWith(folder.endsWith(path.sep) ? folder : `${folder}${path.sep}`);

export function tooLarge(size: number, maxBytes: number): string {
  return `file is ${formatSize(size)}, above the limit of ${maxBytes} bytes (INGEST_MAX_FILE_BYTES)`;
}

/** `512 bytes`, `3.4 KB`, `7.2 MB`. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
