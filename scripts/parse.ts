/**
 * Preview what captures parse to, without Strapi or a database:
 *   npm run parse -- FILE...
 * Each file is read, decoded and parsed by the import's own function (parseCaptureBytes), so
 * a failure's reason is the import's error word for word (the file named by its name).
 * Prints one record (one file) or an array (several). Exit 1 if any file failed, 2 on usage error.
 */
import { articleSlug } from '../src/plugins/ingest/server/src/plan/slug';
import type { ParseResult } from '../src/plugins/ingest/server/src/parse';
import { DEFAULT_MAX_FILE_BYTES, parseFile } from '../src/plugins/ingest/server/src/read';

const USAGE = 'usage: npm run parse -- FILE...';

function previewRecord(result: ParseResult): Record<string, unknown> {
  if (result.outcome === 'failed') {
    return { externalId: result.externalId, outcome: result.outcome, reason: result.reason };
  }
  const { article } = result;
  return {
    externalId: article.externalId,
    outcome: result.outcome,
    title: article.title,
    slug: articleSlug(article.title, article.externalId),
    standfirst: article.standfirst,
    publicationDate: article.publicationDate,
    readingTimeMinutes: article.readingTimeMinutes,
    imageCaption: article.imageCaption,
    imageCredit: article.imageCredit,
    byline: article.byline,
    section: article.section,
    sources: article.sources,
    body: article.body,
    relatedLinks: article.relatedLinks,
    warnings: result.warnings,
  };
}

function maxBytesFromEnv(): number | null {
  const raw = process.env.INGEST_MAX_FILE_BYTES;
  if (raw === undefined || raw === '') return DEFAULT_MAX_FILE_BYTES;
  return /^\d+$/.test(raw) && Number(raw) > 0 ? Number(raw) : null;
}

async function main(args: string[]): Promise<number> {
  const files = args.filter((arg) => arg !== '--');
  const maxBytes = maxBytesFromEnv();
  if (files.length === 0 || files.some((file) => file.startsWith('-'))) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  if (maxBytes === null) {
    process.stderr.write('INGEST_MAX_FILE_BYTES must be a positive whole number of bytes\n');
    return 2;
  }
  const results: ParseResult[] = [];
  for (const file of files) results.push(await parseFile(file, { maxBytes }));
  const records = results.map(previewRecord);
  process.stdout.write(`${JSON.stringify(records.length === 1 ? records[0] : records, null, 2)}\n`);
  return results.some((result) => result.outcome === 'failed') ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
