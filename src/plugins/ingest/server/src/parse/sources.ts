const SOURCE_LINE = /^sources? ?: ?(.*)$/i;
const SEPARATORS = / ?& ?| and | ?, ?/i;

// Canonical spellings, by key (see sourceKey): `TRTWorld` and `trt world` are one source.
const CANONICAL: Record<string, string> = {
  trtworld: 'TRT World',
  trtglobal: 'TRT Global',
  agencies: 'Agencies',
  aa: 'AA',
  afp: 'AFP',
  ap: 'AP',
  reuters: 'Reuters',
  anadoluagency: 'Anadolu Agency',
};

/** `SOURCE:TRTWorld and agencies` → `['TRT World', 'Agencies']`; null for any other line. */
export function readSourceLine(line: string): string[] | null {
  const match = SOURCE_LINE.exec(line);
  if (!match) return null;
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
  const known = CANONICAL[sourceKey(name)];
  if (known) return known;
  // An all-lower-case name (`agencies`) reads as a careless spelling: capitalise each word.
  return name === name.toLowerCase() ? name.replace(/(^|\s)(\p{L})/gu, (_, space: string, letter: string) => space + letter.toUpperCase()) : name;
}
