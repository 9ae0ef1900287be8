/**
 * `npm run seed -- [options]`: imports a folder of captures headless, against the configured
 * database (SQLite .tmp/data.db by default). A thin shell over the ingest plugin's importer.
 */
import path from 'path';
import type { Core } from '@strapi/strapi';
import { SEED_USAGE, UsageError, parseSeedArgs, type SeedArgs } from '../src/plugins/ingest/server/src/cli/args';
import { formatProgress, formatReportTable } from '../src/plugins/ingest/server/src/cli/format';
import type { ReportCounts } from '../src/plugins/ingest/server/src/services/report';
import { folderSource } from '../src/plugins/ingest/server/src/sources';
import { getService } from '../src/plugins/ingest/server/src/utils';
import { bootHeadless } from './lib/boot';
import { isDatabaseLost } from '../src/plugins/ingest/server/src/store/database-file';
import { describeError } from '../src/plugins/ingest/server/src/utils/db-error';

const EXIT_OK = 0;
const EXIT_FILES_FAILED = 1;
const EXIT_NOT_STARTED = 2;
/** A run whose database went away under it stored nothing: it failed as a whole, as an unreachable database does. */
const EXIT_DATABASE_LOST = 2;
/** Below this many files a progress line is noise. */
const PROGRESS_MIN_FILES = 10;

const progressPrinter = () => {
  const tty = process.stderr.isTTY;
  let lastDecile = -1;
  return ({ done, total, counts }: { done: number; total: number; counts: ReportCounts }) => {
    if (total < PROGRESS_MIN_FILES) return;
    if (tty) {
      process.stderr.write(`\r${formatProgress(done, total, counts)}${done === total ? '\n' : ''}`);
      return;
    }
    const decile = Math.floor((done / total) * 10);
    if (decile !== lastDecile) {
      lastDecile = decile;
      process.stderr.write(`${formatProgress(done, total, counts)}\n`);
    }
  };
};

const runSeed = async (args: SeedArgs): Promise<number> => {
  let strapi: Core.Strapi | undefined;
  try {
    strapi = await bootHeadless();
  } catch (error) {
    process.stderr.write(`seed: could not start Strapi: ${describeError(error)}\n`);
    return EXIT_NOT_STARTED;
  }

  try {
    const report = await getService(strapi, 'importer').run({
      trigger: 'cli',
      source: folderSource(strapi, args.dir === null ? undefined : path.resolve(process.cwd(), args.dir)),
      dryRun: args.dryRun,
      publish: args.publish,
      force: args.force,
      lockWaitMs: args.waitSeconds === null ? undefined : args.waitSeconds * 1000,
      onProgress: progressPrinter(),
    });
    process.stdout.write(args.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatReportTable(report, process.stdout.columns ?? 120)}\n`);
    return report.counts.failed > 0 ? EXIT_FILES_FAILED : EXIT_OK;
  } catch (error) {
    if (isDatabaseLost(error)) {
      process.stderr.write(`seed: the import failed: ${error.message}\n`);
      return EXIT_DATABASE_LOST;
    }
    process.stderr.write(`seed: the import could not run: ${describeError(error)}\n`);
    return EXIT_NOT_STARTED;
  } finally {
    await strapi.destroy().catch(() => {});
  }
};

const main = async () => {
  let args: SeedArgs;
  try {
    args = parseSeedArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`seed: ${error.message}\n\n${SEED_USAGE}\n`);
    return EXIT_NOT_STARTED;
  }
  if (args.help) {
    process.stdout.write(`${SEED_USAGE}\n`);
    return EXIT_OK;
  }
  return runSeed(args);
};

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`seed: ${(error as Error).stack ?? error}\n`);
    process.exit(EXIT_NOT_STARTED);
  }
);
