import { wordCount } from './measure';

const SOURCE_LINE = /^sources? ?: ?(.*)$/i;
const SEPARATORS = / ?& ?| and | ?, ?/i;

// Canonical spellings, by key (see sourceKey): `TRTWorld` and `trt world` are one source.
const CANONICAL = new Map([
  ['trtworld', 'TRT World'],
  ['trtglobal', 'TRT Global'],
  ['agencies', 'Agencies'],
  ['aa', 'AA'],
  ['afp', 'AFP'],
  ['ap', 'AP'],
  ['reuters', 'Reuters'],
  ['anadoluagency', 'Anadolu Agency'],
]);
// A longer `Source: …` line is a sentence of body text, not the credit line.
const MAX_SOURCE_WORDS = 10;

/** `SOURCE:TRTWorld and agencies` → `['TRT World', 'Agencies']`; null for any other line. */
export function readSourceLine(line: string): string[] | null {
  const match = SOURCE_LINE.exec(line);
  if (!match || wordCount(match[1]) > MAX_SOURCE_WORDS) return null;
  return mergeSources([], match[1].split(SEPARATORS));
}

/** Adds names to a list of canonical sources, skipping blanks and spellings already there. */
export function mergeSources(known: string[], names: string[]): string[] {
  const merged = [...known];
  for (const name of names) {
    const canonical = canonicalSourceName(name);
    if (canonical !== null && !merged.some((existing) => sourceKey(existing) === sourceKey(canonical))) {
      merged.push(canonical);
    }
  }
  return merged;
}

/** What makes two spellings the same source: case, spaces and dots do not count. */
export function sourceKey(name: string): string {
  return name.toLowerCase().replace(/[\s.]+/g, '');
}

function canonicalSourceName(printed: string): string | null {
  const name = printed.replace(/[.;:]+$/, '').trim();
  if (name === '') return null;
  const known = CANONICAL.get(sourceKey(name));
  if (known !== undefined) return known;
  // An all-lower-case name (`agencies`) reads as a careless spelling: capitalise each word.
  return name === name.toLowerCase() ? capitaliseWords(name) : name;
}

function capitaliseWords(name: string): string {
  return name.replace(/(^|\s)(\p{L})/gu, (_, space: string, letter: string) => space + letter.toUpperCase());
}
