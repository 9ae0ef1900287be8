import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { parseCapture } from '../../src/plugins/ingest/server/src/parse';

v8.setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

describe('parse results and memory', () => {
  it('share no memory with the capture where a run keeps them: a headline, section, source or warning does not keep its capture', () => {
    const example = readFileSync(join(__dirname, '../fixtures/examples/000_41af89fa8d9fa414.txt'), 'utf8');
    // 300 captures of ~200 KB each (UTF-16 in memory): kept whole, they would hold ~60 MB.
    const filler = `${'Officials said talks would go on. '.repeat(3000)}\n\n`;
    const kept: string[] = [];
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let index = 0; index < 300; index += 1) {
      const text = example.replace('\n\nRussian Foreign Minister', `\n\n${index} ${filler}Russian Foreign Minister`);
      const result = parseCapture(text, `memory_${index}.txt`);
      if (result.outcome !== 'parsed') throw new Error(result.outcome === 'failed' ? result.reason : 'not parsed');
      kept.push(result.article.title, result.article.section ?? '', ...result.article.sources, ...result.warnings);
    }
    gc();
    const grew = process.memoryUsage().heapUsed - before;
    expect(kept.length).toBeGreaterThanOrEqual(900);
    expect(grew).toBeLessThan(8 * 1024 * 1024);
  });
});
