import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureExternalId, generateCapture } from '../../scripts/lib/captures-generator';
import { captureFolder, writeCaptures } from '../../scripts/lib/write-captures';
import { allEntries, createFolderSource } from '../../src/plugins/ingest/server/src/sources';
import { parseCapture } from '../../src/plugins/ingest/server/src/parse';
import { decodeCapture } from '../../src/plugins/ingest/server/src/read';

const TOTAL = 400;
const set = (seed: number, revision = 0, recapture = 0) =>
  Array.from({ length: TOTAL }, (_, index) => generateCapture({ seed, total: TOTAL, revision, recapture }, index));

describe('generated captures', () => {
  it('are the same for the same seed, and differ for another seed', () => {
    const first = set(7);
    expect(set(7)).toEqual(first);
    const other = set(8);
    expect(other.filter((capture, index) => capture.text === first[index].text)).toHaveLength(0);
    expect(new Set(first.map((capture) => capture.externalId)).size).toBe(TOTAL);
    expect(first[3].externalId).toBe(captureExternalId(7, 3));
  });

  it('vary the way real captures do, at realistic sizes', () => {
    const texts = set(7).map((capture) => capture.text);
    const sizes = texts.map((text) => Buffer.byteLength(text));
    expect(Math.min(...sizes)).toBeGreaterThan(2_900);
    expect(Math.max(...sizes)).toBeLessThan(8_500);
    const some = (pattern: RegExp) => texts.filter((text) => pattern.test(text)).length;
    for (const pattern of [/\r\n/, /^ date \d{4}-\d\d-\d\d TÜRKİYE\r?$/m, /^SOURCE:TRTWorld and agencies/m, /^SOURCE: AFP, Reuters/m, /&/,
      /^RelatedTRT World - /m, /^READ MORE: /m, /^Related\r?$/m, /^By \p{Lu}/mu, /^More Videos/m, /\(AA\)\r?$/m, /Photo: AA Archive/,
      /^(\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+)\1\r?$/mu]) {
      expect(some(pattern), String(pattern)).toBeGreaterThan(0);
    }
  });

  it('all parse, without warnings, to their headline, section and links', () => {
    for (const capture of [...set(7), ...set(7, 1), ...set(7, 0, 1)]) {
      const decoded = decodeCapture(Buffer.from(capture.text));
      expect(decoded.ok).toBe(true);
      const result = parseCapture(decoded.ok ? decoded.text : '', capture.fileName);
      expect(result.outcome, capture.fileName).toBe('parsed');
      if (result.outcome !== 'parsed') continue;
      expect(result.warnings, capture.fileName).toEqual([]);
      const { article } = result;
      expect(article.title).toBe(capture.expected.title);
      expect(article.section).toBe(capture.expected.section);
      expect(article.body.length).toBeGreaterThan(5);
      expect(article.relatedLinks.filter((link) => link.kind === 'recommended')).toHaveLength(capture.expected.recommended);
      expect(article.relatedLinks.filter((link) => link.kind === 'explore')).toHaveLength(capture.expected.explore);
    }
  });

  it('a revision changes the capture but keeps its identity', () => {
    const original = generateCapture({ seed: 3, total: 50 }, 9);
    const revised = generateCapture({ seed: 3, total: 50, revision: 1 }, 9);
    expect(revised.fileName).toBe(original.fileName);
    expect(revised.expected.title).toBe(original.expected.title);
    expect(revised.text).not.toBe(original.text);
  });

  it('a recapture changes every page\'s Explore list, and the text of about a page in four', () => {
    const explore = (text: string) => text.slice(text.search(/^(Explore|More Videos)\r?$/m));
    const first = set(5);
    const again = set(5, 0, 1);
    expect(again.map((capture) => capture.fileName)).toEqual(first.map((capture) => capture.fileName));
    expect(again.filter((capture, index) => explore(capture.text) === explore(first[index].text))).toHaveLength(0);
    const bodyChanged = again.filter((capture, index) => capture.text.split(/^(Explore|More Videos)\r?$/m)[0] !== first[index].text.split(/^(Explore|More Videos)\r?$/m)[0]);
    expect(bodyChanged.length).toBeGreaterThan(TOTAL * 0.15);
    expect(bodyChanged.length).toBeLessThan(TOTAL * 0.35);
  });
});

describe('a generated set laid out by date', () => {
  it('puts 100 captures a day in dated folders, where a revision rewrites each in place; the folder source lists them as the flat set', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-layout-'));
    try {
      const byDate = path.join(root, 'by-date');
      const flat = path.join(root, 'flat');
      await writeCaptures(byDate, { seed: 3, total: 250 }, undefined, 'by-date');
      await writeCaptures(flat, { seed: 3, total: 250 });
      expect(captureFolder('by-date', 0)).toBe('2023/01/01');
      expect(captureFolder('by-date', 99)).toBe('2023/01/01');
      expect(captureFolder('by-date', 100)).toBe('2023/01/02');
      expect(captureFolder('by-date', 31 * 100)).toBe('2023/02/01');
      expect(fs.readdirSync(byDate)).toEqual(['2023']);
      expect(fs.readdirSync(path.join(byDate, '2023', '01')).sort()).toEqual(['01', '02', '03']);

      const revised = await writeCaptures(byDate, { seed: 3, total: 250, revision: 1 }, (index) => index % 10 === 0, 'by-date');
      expect(revised.files).toBe(25);
      const listed = await allEntries(await createFolderSource(byDate, { maxBytes: 1_000_000 }).list());
      const flatListed = await allEntries(await createFolderSource(flat, { maxBytes: 1_000_000 }).list());
      expect(listed).toHaveLength(250);
      expect(listed.map((entry) => entry.externalId)).toEqual(flatListed.map((entry) => entry.externalId));
      expect(listed[120].name).toBe(`2023/01/02/${captureExternalId(3, 120)}.txt`);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
