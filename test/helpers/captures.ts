import fs from 'fs';
import os from 'os';
import path from 'path';
import type { ParsedArticle } from '../../src/plugins/ingest/server/src/parse/types';

export const EXAMPLES_DIR = path.resolve(__dirname, '..', 'fixtures', 'examples');

/** An examples/*.expected.json: the parsed record's fields, its slug and outcome. */
export type ExpectedRecord = ParsedArticle & {
  outcome: 'created' | 'failed';
  reason?: string;
  slug: string;
  /** At least one warning (true) or none (false). */
  warnings: boolean;
};

export const exampleNames = () =>
  fs
    .readdirSync(EXAMPLES_DIR)
    .filter((name) => name.endsWith('.txt'))
    .sort();

export const readExample = (name: string) => fs.readFileSync(path.join(EXAMPLES_DIR, name));

export const expectedFor = (name: string): ExpectedRecord =>
  JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, name.replace(/\.txt$/, '.expected.json')), 'utf8'));

/** A temporary folder of captures: file name -> content. */
export const makeCaptureDir = (files: Record<string, string | Buffer>): string => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-captures-'));
  for (const [name, content] of Object.entries(files)) writeCapture(dir, name, content);
  return dir;
};

export const writeCapture = (dir: string, name: string, content: string | Buffer) => {
  fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
  fs.writeFileSync(path.join(dir, name), content);
};

/** Every example capture, the failing ones included. */
export const examplesDir = (only?: (name: string) => boolean) =>
  makeCaptureDir(Object.fromEntries(exampleNames().filter(only ?? (() => true)).map((name) => [name, readExample(name)])));

/** A made-up capture in the seed format, for tests that need many or specific ones. */
export const syntheticCapture = (options: {
  title: string;
  date?: string;
  section?: string;
  standfirst?: string;
  body?: string[];
  source?: string;
  explore?: string[];
  recommended?: string[];
}) => {
  const lines = [
    ` date ${options.date ?? '2025-05-01'} ${options.section ?? 'WORLD'}`,
    '2 min read',
    options.title,
    options.standfirst ?? `A summary of what happened in the story called ${options.title}.`,
    options.title,
    'A crowd gathers in the square / Reuters',
    'May 1, 2025',
    '',
  ];
  for (const paragraph of options.body ?? [`The first paragraph of ${options.title} says what happened.`, 'A second paragraph adds some detail to it.']) {
    lines.push(paragraph, '');
  }
  for (const card of options.recommended ?? []) lines.push('RECOMMENDED', `RelatedTRT World - ${card}`, '');
  lines.push(`SOURCE:${options.source ?? 'TRT World & Agencies'}`);
  if (options.explore?.length) lines.push('Explore', ...options.explore);
  return `${lines.join('\n')}\n`;
};
