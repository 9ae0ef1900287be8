import { parseCapture } from '../parse';
import { baseName, externalIdOf } from '../parse/identity';
import type { ParseResult } from '../parse/types';
import { DEFAULT_MAX_FILE_BYTES } from './limits';
import { readCapture } from './read-capture';

/** Reads one capture from disk and parses it; a file that cannot be read fails like one without a headline. */
export async function parseFile(path: string, opts: { maxBytes: number } = { maxBytes: DEFAULT_MAX_FILE_BYTES }): Promise<ParseResult> {
  const read = await readCapture(path, opts);
  if (read.ok) return parseCapture(read.text, path);
  return {
    outcome: 'failed',
    externalId: externalIdOf(path),
    reason: `${baseName(path)}: ${read.reason}, so no headline`,
    warnings: [],
  };
}
