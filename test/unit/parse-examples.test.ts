import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { articleSlug } from '../../src/plugins/ingest/server/src/plan/slug';
import { parseCapture } from '../../src/plugins/ingest/server/src/parse';
import { parseFile } from '../../src/plugins/ingest/server/src/read';

// The seed format's own examples, and ours for other scripts and kinds of page.
const FOLDERS = [join(__dirname, '../fixtures/examples'), join(__dirname, '../fixtures/scripts-and-pages')];

interface Expected {
  externalId: string;
  outcome: 'created' | 'failed';
  reason?: string;
  slug?: string;
  warnings?: boolean;
  [field: string]: unknown;
}

const examples = FOLDERS.flatMap((folder) =>
  readdirSync(folder)
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => ({
      name,
      path: join(folder, name),
      expected: JSON.parse(readFileSync(join(folder, name.replace(/\.txt$/, '.expected.json')), 'utf8')) as Expected,
    })),
);

describe('example captures parse to their expected records', () => {
  it('finds the examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(32);
  });

  it.each(examples.filter(({ expected }) => expected.outcome === 'created'))('$name', async ({ name, path, expected }) => {
    const result = await parseFile(path);
    if (result.outcome !== 'parsed') throw new Error(`expected ${name} to parse, got: ${result.reason}`);
    const { outcome: _outcome, warnings: expectWarnings, ...fields } = expected;
    const { article } = result;
    // The contract's slug: slugify's spelling of the title, or the external id where it has none.
    const slug = articleSlug(article.title, article.externalId);

    expect({ ...article, slug }).toEqual(fields);
    if (expectWarnings) expect(result.warnings.length).toBeGreaterThan(0);
    else expect(result.warnings).toEqual([]);
  });

  it.each(examples.filter(({ expected }) => expected.outcome === 'failed'))('$name fails', async ({ name, path, expected }) => {
    const result = await parseFile(path);
    if (result.outcome !== 'failed') throw new Error(`expected ${name} to fail, it parsed as "${result.article.title}"`);
    expect(result.externalId).toBe(expected.externalId);
    expect(result.reason).toBe(expected.reason);
  });

  it.each(examples)('$name parses the same from text as from the file', async ({ name, path }) => {
    const fromFile = await parseFile(path);
    const fromText = parseCapture(readFileSync(path, 'utf8'), name);
    expect(fromText).toEqual(fromFile);
  });
});
