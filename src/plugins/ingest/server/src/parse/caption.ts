import { wordCount } from './measure';

/** An image caption line split into its text and its credit; either may be absent. */
export interface Caption {
  caption: string | null;
  credit: string | null;
}

const SLASH = ' / ';
const PAREN_CREDIT = /^(.*?) ?\(([^()]+)\)$/;
const PHOTO_PREFIX = /^photo ?: ?/i;

/**
 * Reads a caption that carries a credit (`… / Reuters`, `… (AA)`) or is a placeholder
 * thumbnail (`stk thumbnail / TRT World`). Null when the line has neither mark, because a
 * plain sentence could as well be the standfirst or body.
 */
export function readMarkedCaption(line: string): Caption | null {
  const split = splitSlashCredit(line) ?? splitParenCredit(line);
  if (split) return { caption: isPlaceholder(split.caption) ? null : split.caption, credit: split.credit };
  return isPlaceholder(line) ? { caption: null, credit: null } : null;
}

/** A caption line with no credit mark, known to be the caption by where it stands. */
export function readPlainCaption(line: string): Caption {
  return readMarkedCaption(line) ?? { caption: line, credit: null };
}

function splitSlashCredit(line: string): { caption: string | null; credit: string } | null {
  const at = line.lastIndexOf(SLASH);
  const before = at === -1 ? (line.startsWith('/ ') ? '' : null) : line.slice(0, at);
  if (before === null) return null;
  const credit = creditName(line.slice(at === -1 ? 2 : at + SLASH.length));
  return credit === null ? null : { caption: before.trim() || null, credit };
}

function splitParenCredit(line: string): { caption: string; credit: string } | null {
  const match = PAREN_CREDIT.exec(line);
  if (!match || match[1] === '' || !/^(photo ?:)? ?\p{Lu}/iu.test(match[2])) return null;
  const credit = creditName(match[2]);
  return credit === null ? null : { caption: match[1], credit };
}

/** `Photo: AA Archive` → `AA Archive`; null when the text is too long or sentence-like to be a credit. */
function creditName(text: string): string | null {
  const name = text.replace(PHOTO_PREFIX, '').replace(/\.$/, '').trim();
  if (name === '' || name.length > 40 || wordCount(name) > 5) return null;
  return /^[\p{L}\p{N}][\p{L}\p{N}\p{M}&.'’ -]*$/u.test(name) ? name : null;
}

/** `stk thumbnail`, `ST THUMBNAIL IRAQ`: a stock image's file name, not a caption. */
function isPlaceholder(text: string | null): boolean {
  return text !== null && /\bthumb(nail)?\b/i.test(text) && wordCount(text) <= 6;
}
