/**
 * `npx tsx scripts/generate-captures.ts --articles N [--seed S] [--revision R] [--every K] --out DIR`
 * Writes N made-up captures in the seed format (deterministic for a seed). With --revision,
 * writes that revision of every K-th capture only (default every 10th): a changed tenth.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { writeCaptures } from './lib/write-captures';

const USAGE = 'usage: tsx scripts/generate-captures.ts --articles N --out DIR [--seed S] [--revision R [--every K]]';

const positiveInt = (name: string, value: string | undefined, fallback: number, min = 1) => {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < min) throw new Error(`--${name} must be a whole number ≥ ${min} (got "${value}")`);
  return number;
};

const main = async () => {
  const { values } = parseArgs({
    args: process.argv.slice(2).filter((arg) => arg !== '--'),
    options: {
      articles: { type: 'string' },
      seed: { type: 'string' },
      revision: { type: 'string' },
      every: { type: 'string' },
      out: { type: 'string' },
    },
  });
  if (values.out === undefined || values.articles === undefined) throw new Error(USAGE);
  const total = positiveInt('articles', values.articles, 0);
  const seed = positiveInt('seed', values.seed, 1, 0);
  const revision = positiveInt('revision', values.revision, 0, 0);
  const every = positiveInt('every', values.every, 10);
  const out = path.resolve(values.out);
  const only = revision === 0 ? undefined : (index: number) => index % every === 0;
  const { files, bytes } = await writeCaptures(out, { seed, total, revision }, only);
  process.stderr.write(`wrote ${files} captures (${(bytes / 1024 / 1024).toFixed(1)} MB) to ${out}\n`);
};

main().catch((error: Error) => {
  process.stderr.write(`generate-captures: ${error.message}\n`);
  process.exit(2);
});
