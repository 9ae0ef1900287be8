import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { parseCapture } from '../../src/plugins/ingest/server/src/parse';
import { detached } from '../../src/plugins/ingest/server/src/parse/detach';
import type { ParsedArticle } from '../../src/plugins/ingest/server/src/parse/types';
import { hashValue } from '../../src/plugins/ingest/server/src/plan/hash';

v8.setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/**
 * Parses 300 captures of ~200 KB each (UTF-16 in memory: kept whole, they would hold ~60 MB),
 * keeping the strings `keep` picks from each, and says how much the heap grew.
 */
const growthKeeping = (keep: (article: ParsedArticle, warnings: string[]) => string[]) => {
  const example = readFileSync(join(__dirname, '../fixtures/examples/000_41af89fa8d9fa414.txt'), 'utf8');
  const filler = `${'Officials said talks would go on. '.repeat(3000)}\n\n`;
  const kept: string[] = [];
  gc();
  const before = process.memoryUsage().heapUsed;
  for (let index = 0; index < 300; index += 1) {
    const text = example.replace('\n\nRussian Foreign Minister', `\n\n${index} ${filler}Russian Foreign Minister`);
    const result = parseCapture(text, `memory_${index}.txt`);
    if (result.outcome !== 'parsed') throw new Error(result.outcome === 'failed' ? result.reason : 'not parsed');
    kept.push(...keep(result.article, result.warnings));
  }
  gc();
  return { kept, grew: process.memoryUsage().heapUsed - before };
};

describe('parse results and memory', () => {
  it('share no memory with the capture where a run keeps them: a headline, section, source or warning does not keep its capture', () => {
    const { kept, grew } = growthKeeping((article, warnings) => [article.title, article.section ?? '', ...article.sources, ...warnings]);
    expect(kept.length).toBeGreaterThanOrEqual(900);
    expect(grew).toBeLessThan(8 * 1024 * 1024);
  });

  it('share no memory with the capture in what a batch writes either: a link title, standfirst or byline held until the write does not keep its capture', () => {
    const { kept, grew } = growthKeeping((article) => [
      ...article.relatedLinks.map((link) => link.title),
      article.standfirst ?? '',
      article.byline ?? '',
      article.imageCaption ?? '',
    ]);
    // Cuts this long are views into their text unless copied (shorter ones V8 copies itself).
    expect(kept.filter((text) => text.length >= 13).length).toBeGreaterThanOrEqual(600);
    expect(grew).toBeLessThan(8 * 1024 * 1024);
  });

  it('copies the characters a batch writes exactly, whatever they are: the same text, so the same hashes', () => {
    const texts = [
      'short',
      'Plain ASCII headline of some length',
      'Türkiye’s “quoted” words — with a dash and é',
      'Emoji 🙂 and CJK 漢字 in one line, long enough',
      'Lone surrogate \ud800 in a line of some length',
      `A paragraph longer than the reused buffer, ’ ${'and on '.repeat(2000)}`,
      '',
    ];
    for (const text of texts) {
      // Cut from a longer text, as the parser cuts a line from its capture.
      const cut = `>${text}<`.slice(1, -1);
      expect(detached(cut)).toBe(text);
      expect(hashValue({ text: detached(cut) })).toBe(hashValue({ text }));
    }
  });
});
