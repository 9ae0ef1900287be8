import { describe, expect, it } from 'vitest';
import { fitsGraphemes, graphemeCount } from '../../src/plugins/ingest/server/src/parse/measure';
import fs from 'node:fs';
import path from 'node:path';
import { tidyText, toLines } from '../../src/plugins/ingest/server/src/parse/text';
import { createHash } from 'node:crypto';
import { hashValue, stableStringify } from '../../src/plugins/ingest/server/src/plan/hash';
import { titleKey } from '../../src/plugins/ingest/server/src/utils/titles';

describe('tidyText', () => {
  it('turns every run of whitespace, and every other space character, into one plain space', () => {
    expect(tidyText('  a  b\tc\u00A0d \u2007 e\u202Ff  ')).toBe('a b c d e f');
    expect(tidyText('one two three')).toBe('one two three');
    expect(tidyText('word , word .')).toBe('word, word.');
  });
});

/** The line splitting and tidying as first written (four replacements a line): toLines must cut the same lines. */
const referenceTidy = (raw: string) =>
  raw
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u200B\uFEFF]/g, '')
    .replace(/\s{2,}|[^\S ]/g, ' ')
    .trim()
    .replace(/([^\s,.]) ([,.])(?=\s|$)/g, '$1$2');
const referenceLines = (text: string) => {
  let tidy = text.replace(/^\uFEFF/, '');
  if (tidy.includes('\r')) tidy = tidy.replace(/\r\n?/g, '\n');
  tidy = tidy.replace(/[\u00A0\u2007\u202F]/g, ' ').normalize('NFC');
  return tidy
    .split('\n')
    .map((raw, index) => ({ text: referenceTidy(raw), lineNo: index + 1 }))
    .filter((line) => line.text !== '');
};

describe('toLines', () => {
  it('tidies a line with any character of the Basic Multilingual Plane, wherever it stands, as the four replacements did', () => {
    const differ: string[] = [];
    for (let code = 0; code <= 0xffff; code += 1) {
      const char = String.fromCharCode(code);
      const lines = [`a${char}b`, `${char}a`, `a${char}`, `a ${char} b`, `a${char}${char}b`, `a${char} ,b`, `${char}`];
      for (const line of lines) if (tidyText(line) !== referenceTidy(line)) differ.push(line);
      const text = `x\n${lines.join('\n')}\ny`;
      if (JSON.stringify(toLines(text)) !== JSON.stringify(referenceLines(text))) differ.push(text);
    }
    expect(differ).toEqual([]);
  });

  it('cuts the same lines as before from random text full of spaces, controls, line ends and marks', () => {
    const pieces = ['a', 'b', 'Word', ' ', '  ', ',', '.', ' ,', ' .', '\t', '\n', '\r', '\r\n', '\n\n', '\u00a0', '\u2007', '\u202f', '\u200b', '\ufeff', '\u0000', '\u0007', '\u000b', '\u007f', 'e', '\u0301', '\u3000', '\u2028', '\u1680', '’', '😀', '\ud83d'];
    let seed = 11;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let round = 0; round < 5000; round += 1) {
      let text = '';
      const length = Math.floor(random() * 30);
      for (let index = 0; index < length; index += 1) text += pieces[Math.floor(random() * pieces.length)];
      expect(toLines(text)).toEqual(referenceLines(text));
    }
  });

  it('cuts the same lines as before from every example capture', () => {
    const folders = ['../fixtures/examples', '../fixtures/scripts-and-pages'].map((folder) => path.join(__dirname, folder));
    const files = folders.flatMap((folder) => fs.readdirSync(folder).filter((file) => file.endsWith('.txt')).map((file) => path.join(folder, file)));
    expect(files.length).toBeGreaterThan(30);
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      expect(toLines(text)).toEqual(referenceLines(text));
    }
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

describe('hashValue', () => {
  const reference = (value: unknown) => createHash('sha256').update(stableStringify(value)).digest('hex').slice(0, 32);

  it('is the hash of stableStringify\'s text (every stored hash is), for every kind of value', () => {
    const strings = ['', 'Türkiye’s “ceasefire”', 'a "quote"', 'back\\slash', 'tab\tand\nnewline\r\b\f', '\u0000\u001f\u007f\u0080', 'line\u2028sep', '😀 pair', 'lone \ud83d', 'lone \ude00 low', 'end \ud83d', '\udbff\udfff', '\u00a0nbsp', 'हिन्दी', '中文'];
    const values: unknown[] = [
      undefined, null, true, false, 0, -0, 1.5, -42, 1e21, Number.NaN, Number.POSITIVE_INFINITY,
      ...strings,
      strings,
      { b: [1, 'two', null, undefined, { y: true, x: 'é"' }], a: undefined, c: {}, é: strings, Z: [[], [[]]] },
      [{ type: 'paragraph', text: strings.join(' ') }, { type: 'heading', text: 'x' }],
      { date: new Date(0) },
      // Larger than the reused buffer (64 KB), twice over.
      'x’'.repeat(200_000),
      { body: ['y'.repeat(70_000), 'z'.repeat(70_000)] },
    ];
    for (const value of values) expect(hashValue(value)).toBe(reference(value));
  });

  it('agrees on random nested values', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const pick = (text: string) => text[Math.floor(random() * text.length)];
    const randomString = () => {
      let text = '';
      const length = Math.floor(random() * 12);
      for (let index = 0; index < length; index += 1) text += random() < 0.2 ? String.fromCharCode(Math.floor(random() * 0x10000)) : pick('ab "\\\n\té’😀');
      return text;
    };
    const randomValue = (depth: number): unknown => {
      const kind = Math.floor(random() * (depth > 3 ? 4 : 6));
      if (kind === 0) return randomString();
      if (kind === 1) return Math.floor(random() * 1000) - 500;
      if (kind === 2) return random() < 0.5 ? null : undefined;
      if (kind === 3) return random() < 0.5;
      if (kind === 4) return Array.from({ length: Math.floor(random() * 4) }, () => randomValue(depth + 1));
      return Object.fromEntries(Array.from({ length: Math.floor(random() * 4) }, () => [randomString(), randomValue(depth + 1)]));
    };
    for (let round = 0; round < 2000; round += 1) {
      const value = randomValue(0);
      expect(hashValue(value)).toBe(reference(value));
    }
  });
});
