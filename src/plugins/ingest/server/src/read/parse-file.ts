import { baseName } from '../parse/identity';
import type { ParseResult } from '../parse/types';
import { DEFAULT_MAX_FILE_BYTES } from './limits';
import { captureFailed, parseCaptureBytes } from './parse-capture-bytes';
import { readCaptureBytes } from './read-capture';

/**
 * Reads one capture from disk as the import would and says what the import would make of it.
 * The file is named as an import of its folder names it: by its name.
 */
export async function parseFile(path: string, opts: { maxBytes: number } = { maxBytes: DEFAULT_MAX_FILE_BYTES }): Promise<ParseResult> {
  const file = baseName(path);
  const read = await readCaptureBytes(path, opts);
  return read.ok ? parseCaptureBytes(read.bytes, file) : captureFailed(file, read.reason);
}
