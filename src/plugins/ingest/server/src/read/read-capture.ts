import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

export type ReadBytesResult = { ok: true; bytes: Buffer } | { ok: false; reason: string };

const CHUNK_BYTES = 64 * 1024;

/**
 * The capture's bytes, undecoded (the importer hashes them before deciding to parse). Read
 * synchronously: a capture is a few kilobytes, and four thread-pool round trips per file (open,
 * stat, read, close) cost more than the read itself when a re-import reads thousands of them.
 * A file above `maxBytes` is refused from its size alone.
 */
export async function readCaptureBytes(path: string, opts: { maxBytes: number }): Promise<ReadBytesResult> {
  let descriptor: number;
  try {
    descriptor = openSync(path, 'r');
  } catch (error) {
    return { ok: false, reason: `cannot be read: ${describeFsError(error)}` };
  }
  try {
    return readOpen(descriptor, opts.maxBytes);
  } catch (error) {
    return { ok: false, reason: `cannot be read: ${describeFsError(error)}` };
  } finally {
    closeSync(descriptor);
  }
}

/** Reads an open capture: refused unless a regular file within `maxBytes`. */
export function readOpen(descriptor: number, maxBytes: number): ReadBytesResult {
  const stats = fstatSync(descriptor);
  if (!stats.isFile()) return { ok: false, reason: 'cannot be read: not a regular file' };
  if (stats.size > maxBytes) return { ok: false, reason: tooLarge(stats.size, maxBytes) };
  const bytes = readAtMost(descriptor, maxBytes, stats.size);
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
    size = Math.min(CHUNK_BYTES, maxBytes + 1 - total);
  }
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
}

export function tooLarge(size: number, maxBytes: number): string {
  return `file is ${formatSize(size)}, above the limit of ${maxBytes} bytes (INGEST_MAX_FILE_BYTES)`;
}

/** `512 bytes`, `3.4 KB`, `7.2 MB`. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a folder';
  return error instanceof Error ? error.message : String(error);
}
