/** One non-blank line of a capture, tidied, with its 1-based line number for messages. */
export interface CaptureLine {
  text: string;
  lineNo: number;
}

const ODD_SPACES = /[\u00A0\u2007\u202F]/g;

/**
 * Line endings, byte-order mark and odd spaces, so that the parser sees the same text whether
 * or not the bytes went through `decodeCapture` first.
 */
export function normaliseText(text: string): string {
  let tidy = text.replace(/^\uFEFF/, '');
  // Looked for first, by plain searches (faster than a regular expression's scan): most captures have neither.
  if (tidy.includes('\r')) tidy = tidy.replace(/\r\n?/g, '\n');
  if (tidy.includes('\u00A0') || tidy.includes('\u2007') || tidy.includes('\u202F')) tidy = tidy.replace(ODD_SPACES, ' ');
  return tidy.normalize('NFC');
}

/**
 * Whitespace that is not already one plain space: a run of two or more, or any other space
 * character. Replacing `\s+` gave the same text but matched, and copied, every single space.
 */
export const SPACING = /\s{2,}|[^\S ]/g;

/**
 * Whitespace clean-up of one line: stray control characters, runs of spaces, leading and
 * trailing spaces, and the `word , word` gap a removed link leaves behind.
 */
export function tidyText(raw: string): string {
  return raw
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u200B\uFEFF]/g, '')
    .replace(SPACING, ' ')
    .trim()
    .replace(/([^\s,.]) ([,.])(?=\s|$)/g, '$1$2');
}

export function toLines(text: string): CaptureLine[] {
  return normaliseText(text)
    .split('\n')
    .map((raw, index) => ({ text: tidyText(raw), lineNo: index + 1 }))
    .filter((line) => line.text !== '');
}
