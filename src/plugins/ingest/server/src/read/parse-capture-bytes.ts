import { parseCapture } from '../parse';
import { externalIdOf } from '../parse/identity';
import type { ParseResult } from '../parse/types';
import { checkFieldLimits, fieldsFromParsed } from '../plan/fields';
import { decodeCapture } from './decode';

/**
 * A capture's bytes → what an import makes of them: decoded, parsed and checked against what
 * the database can store, every failure's reason starting with `file`. The import and
 * `npm run parse` both go through here, so a preview says exactly what an import would.
 */
export function parseCaptureBytes(bytes: Uint8Array, file: string): ParseResult {
  const decoded = decodeCapture(bytes);
  if (!decoded.ok) return captureFailed(file, `${decoded.reason}, so no headline`);
  const parsed = parseCapture(decoded.text, file);
  if (parsed.outcome === 'failed') return parsed;
  const tooLong = checkFieldLimits(fieldsFromParsed(parsed.article));
  return tooLong === null ? parsed : captureFailed(file, tooLong, parsed.warnings);
}

/** A capture that cannot be imported, for a reason found before or after parsing. */
export function captureFailed(file: string, reason: string, warnings: string[] = []): Extract<ParseResult, { outcome: 'failed' }> {
  return { outcome: 'failed', externalId: externalIdOf(file), reason: `${file}: ${reason}`, warnings };
}
