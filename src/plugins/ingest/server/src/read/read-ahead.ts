import path from 'node:path';
import { readCaptureBytes, type ReadBytesResult } from './read-capture';

/**
 * Reads a folder's captures in order, keeping up to `depth` reads in flight ahead of the file
 * being imported: file I/O overlaps the work on earlier files, and at most `depth` captures
 * are held in memory, never the whole folder.
 */
export function createReadAhead(dir: string, files: readonly string[], opts: { maxBytes: number; depth?: number }) {
  const depth = opts.depth ?? 8;
  const indexOf = new Map(files.map((file, index) => [file, index]));
  const inFlight = new Map<number, Promise<ReadBytesResult>>();
  let started = 0;
  const start = (index: number) => readCaptureBytes(path.join(dir, files[index]), opts);

  return {
    /** The bytes of `file` (one of `files`); reads are asked for in `files` order. */
    read(file: string): Promise<ReadBytesResult> {
      const index = indexOf.get(file);
      if (index === undefined) return readCaptureBytes(path.join(dir, file), opts);
      started = Math.max(started, index);
      for (; started < files.length && started <= index + depth; started += 1) {
        if (!inFlight.has(started)) inFlight.set(started, start(started));
      }
      const read = inFlight.get(index) ?? start(index);
      inFlight.delete(index);
      return read;
    },
  };
}
