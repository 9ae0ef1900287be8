/** One non-blank line of a capture, tidied, with its 1-based line number for messages. */
export interface CaptureLine {
  text: string;
  lineNo: number;
}

/**
 * Byte-order mark, line endings and Unicode composition, so that the parser sees the same text
 * whether or not the bytes went through `decodeCapture` first. (Odd spaces need nothing here:
 * tidyText makes every space character a plain space.)
 */
function normaliseText(text: string): string {
  let tidy = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // Looked for first, by a plain search (faster than a regular expression's scan): most captures have none.
  if (tidy.includes('\r')) tidy = tidy.replace(/\r\n?/g, '\n');
  return tidy.normalize('NFC');
}

/**
 * Whitespace that is not already one plain space: a run of two or more, or any other space
 * character. Replacing `\s+` gave the same text but matched, and copied, every single space.
 */
export const SPACING = /\s{2,}|[^\S ]/g;

/** Characters tidyText removes. */
const STRAY = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u200B\uFEFF]/g;

/**
 * Whitespace clean-up of one line: stray control characters, runs of spaces, leading and
 * trailing spaces, and the `word , word` gap a removed link leaves behind.
 */
export function tidyText(raw: string): string {
  if (isTidy(raw)) return raw;
  return raw
    .replace(STRAY, '')
    .replace(SPACING, ' ')
    .trim()
    .replace(/([^\s,.]) ([,.])(?=\s|$)/g, '$1$2');
}

/** A space character other than U+0020 (what `\s` matches above ASCII), or a zero-width space or BOM. */
const isOddSpace = (code: number) =>
  code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200b) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;

/**
 * Whether the character at `index`, in a line that starts at `start` and ends at a line feed
 * or the end of the text, is one tidyText would change or remove: a control character, a
 * space character other than a single plain space inside the line, or a space before a comma
 * or full stop.
 */
const untidyAt = (text: string, index: number, start: number): boolean => {
  const code = text.charCodeAt(index);
  if (code === 0x20) {
    if (index === start || index + 1 === text.length) return true;
    const next = text.charCodeAt(index + 1);
    return next === 0x20 || next === 0x0a || next === 0x2c || next === 0x2e;
  }
  return code < 0x20 || code === 0x7f || (code >= 0xa0 && isOddSpace(code));
};

/** Whether tidyText would leave the line as it is: most lines are, and four replacements each scanned it. */
function isTidy(line: string): boolean {
  for (let index = 0; index < line.length; index += 1) if (untidyAt(line, index, 0)) return false;
  return true;
}

/**
 * The capture's non-blank lines, tidied, numbered from 1. One pass over the text finds the
 * lines that need tidying; the others are cut as they are.
 */
export function toLines(text: string): CaptureLine[] {
  const normalised = normaliseText(text);
  const lines: CaptureLine[] = [];
  let lineNo = 1;
  let start = 0;
  let tidy = true;
  for (let index = 0; index <= normalised.length; index += 1) {
    const code = index < normalised.length ? normalised.charCodeAt(index) : 0x0a;
    if (code !== 0x0a) {
      if (tidy && (code <= 0x20 || code === 0x7f || code >= 0xa0) && untidyAt(normalised, index, start)) tidy = false;
      continue;
    }
    if (index > start) {
      const raw = normalised.slice(start, index);
      const line = tidy ? raw : tidyText(raw);
      if (line !== '') lines.push({ text: line, lineNo });
    }
    lineNo += 1;
    start = index + 1;
    tidy = true;
  }
  return lines;
}
