import { describe, expect, it } from 'vitest';
import { fitsGraphemes, graphemeCount } from '../../src/plugins/ingest/server/src/parse/measure';
import { tidyText } from '../../src/plugins/ingest/server/src/parse/text';
import { stableStringify } from '../../src/plugins/ingest/server/src/plan/hash';
import { titleKey } from '../../src/plugins/ingest/server/src/utils/titles';

describe('tidyText', () => {
  it('turns every run of whitespace, and every other space character, into one plain space', () => {
    expect(tidyText('  a  b\tc\u00A0d \u2007 e\u202Ff  ')).toBe('a b c d e f');
    expect(tidyText('one two three')).toBe('one two three');
    expect(tidyText('word , word .')).toBe('word, word.');
  });
});

describe('titleKey', () => {
  it('ignores case and spacing of any kind', () => {
    expect(titleKey(' Storm\u00A0Hits  the\tCoast ')).toBe('storm hits the coast');
  });
});

describe('fitsGraphemes', () => {
  it('agrees with graphemeCount on short and long lines, in any script', () => {
    for (const text of ['short', 'हिन्दी'.repeat(5), 'x'.repeat(30), '👍🏽'.repeat(13)]) {
      for (const limit of [5, 24, 26]) expect(fitsGraphemes(text, limit)).toBe(graphemeCount(text) <= limit);
    }
  });
});

describe('stableStringify', () => {
  it('gives the same text whatever the key order, leaving out undefined values (stored hashes depend on it)', () => {
    const value = { b: [1, 'two', null, undefined, { y: true, x: 'é"' }], a: undefined, c: {} };
    const text = '{"b":[1,"two",null,null,{"x":"é\\"","y":true}],"c":{}}';
    expect(stableStringify(value)).toBe(text);
    expect(stableStringify({ c: {}, b: value.b })).toBe(text);
    expect(stableStringify('plain')).toBe('"plain"');
    expect(stableStringify(undefined)).toBe('null');
    expect(stableStringify({ e: 5, d: 4, Z: 0, c: 3, b: 2, a: 1, é: 6 })).toBe('{"Z":0,"a":1,"b":2,"c":3,"d":4,"e":5,"é":6}');
  });

  it('writes every string as JSON.stringify does, escaped or not', () => {
    const strings = ['', 'Türkiye’s “ceasefire”', 'a "quote"', 'back\\slash', 'tab\tand\nnewline', '\u0000\u001f\u007f', 'line\u2028sep', '😀 pair', 'lone \ud83d', 'lone \ude00 low', '\u00a0nbsp'];
    for (const text of strings) expect(stableStringify(text)).toBe(JSON.stringify(text));
    expect(stableStringify({ body: strings })).toBe(JSON.stringify({ body: strings }));
  });
});
