/**
 * `npm run bench -- --articles N [--seed S] [--database sqlite|postgres|mysql] [--compare D] [--skip-naive] [--skip-push] [--layout flat|by-date] [--keep]`
 * (`--help` prints the options).
 *
 * Measures the ingest importer against Strapi's naive path on fresh databases:
 *   cold        import N generated captures into an empty database
 *   unchanged   import the same folder again (nothing to write)
 *   changed     import again after a tenth of the captures changed
 *   recaptured  import again after every page was captured again: each Explore list (the
 *               site's list at capture time) changed, and a page in four a paragraph
 *   naive       the same captures through one Document Service create per document, on its
 *               own empty database (scripts/lib/naive-load.ts)
 *   push        1,000 of them in one POST /api/ingest/captures vs a folder import of the same,
 *               cold, each on its own empty database (scripts/lib/push-phase.ts)
 * Each phase runs in its own child process, so its peak RSS (getrusage maxrss: the largest
 * resident set of that process over its life, Strapi's boot included) is its own; it also
 * measures what the phase added to the database. A table goes to stderr; the last line of
 * stdout is one JSON object with the figures.
 */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { ReportCounts } from '../src/plugins/ingest/server/src/services/report';
import { folderSource } from '../src/plugins/ingest/server/src/sources';
import { getService } from '../src/plugins/ingest/server/src/utils';
import { createTestDatabase, type TestDatabase, type TestDatabaseClient } from './lib/throwaway-database';
import { bootHeadless } from './lib/boot';
import { databaseBytes } from './lib/database-size';
import { buildApp } from './lib/build-app';
import { naiveLoad } from './lib/naive-load';
import { comparePushWithFolder, type PushComparison } from './lib/push-phase';
import { CAPTURE_LAYOUTS, writeCaptures, type CaptureLayout } from './lib/write-captures';

const USAGE = `usage: npm run bench -- [options]

  --articles N        captures to generate and import (default 2000)
  --seed S            generator seed: the same seed gives the same captures (default 1)
  --database D        sqlite (default, a file in a temporary folder), postgres or mysql
                      (a throwaway database on the server scripts/lib/throwaway-database.ts names)
  --compare D         also run the importer's phases on database D, each right after the
                      same phase on --database (paired: the machine's speed drifts), and print
                      D's time as a multiple of --database's for each phase
  --skip-naive        leave out the naive Document Service phase (slow: ~15-20 articles/s)
  --skip-push         leave out the push phase (one request of 1,000 captures vs a folder import)
  --layout L          flat (default: every capture in one folder) or by-date (an archive kept
                      in dated subfolders, 100 captures a day: 2023/01/01/….txt)
  --keep              keep the captures and the SQLite files, and say where
  --help              print this

Phases: cold, unchanged, changed (a tenth of the captures), recaptured (every capture
changed: a new Explore list on every page), naive, push. Each runs in its own process.`;

const PHASES = ['cold', 'unchanged', 'changed', 'recaptured', 'naive'] as const;
type Phase = (typeof PHASES)[number];
/** Every CHANGED_EVERY-th capture is rewritten for the `changed` phase: 10 %. */
const CHANGED_EVERY = 10;

interface PhaseResult {
  phase: Phase;
  files: number;
  seconds: number;
  /** CPU time of the phase's process over the phase (user + system, all its threads): steadier than wall time on a shared machine. */
  cpuSeconds: number;
  articlesPerSecond: number;
  /** Peak resident set of the phase's process (MB), boot included. */
  peakRssMb: number;
  /** Resident set right after Strapi booted, before the phase's work (MB). */
  bootRssMb: number;
  counts: Partial<ReportCounts> & { links?: number };
  /** Bytes the phase added to the database (see scripts/lib/database-size.ts). */
  grewBytes: number;
}

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

/** In a child: boot Strapi on the database the environment names, run one phase, report. */
const runPhase = async (phase: Phase, dir: string) => {
  const strapi = await bootHeadless({ build: false });
  const bootRssMb = mb(process.memoryUsage().rss);
  const bytesBefore = await databaseBytes(strapi);
  const started = process.hrtime.bigint();
  const cpuBefore = process.cpuUsage();
  let files: number;
  let counts: PhaseResult['counts'];
  if (phase === 'naive') {
    const loaded = await naiveLoad(strapi, dir);
    files = loaded.articles + loaded.failed;
    counts = { created: loaded.articles, failed: loaded.failed, links: loaded.links };
  } else {
    const report = await getService(strapi, 'importer').run({ trigger: 'cli', source: folderSource(strapi, dir) });
    files = report.items.length;
    counts = report.counts;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const grewBytes = (await databaseBytes(strapi)) - bytesBefore;
  const result: PhaseResult = {
    phase,
    files,
    seconds,
    cpuSeconds,
    articlesPerSecond: files / seconds,
    // maxRSS is in kilobytes.
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    bootRssMb,
    counts,
    grewBytes,
  };
  await strapi.destroy().catch(() => {});
  // Run by hand (not forked), a phase prints its result instead.
  if (process.send) process.send(result);
  else process.stdout.write(`${JSON.stringify(result)}\n`);
};

const runChild = (phase: Phase, dir: string, env: Record<string, string>) =>
  new Promise<PhaseResult>((resolve, reject) => {
    let result: PhaseResult | undefined;
    // The child's stdout goes to our stderr: our stdout carries only the JSON line.
    const child = fork(__filename, ['--phase', phase, '--dir', dir], {
      env: { ...process.env, ...env, STRAPI_LOG_LEVEL: process.env.STRAPI_LOG_LEVEL ?? 'error' },
      stdio: ['ignore', process.stderr, 'inherit', 'ipc'],
    });
    child.on('message', (message) => {
      result = message as PhaseResult;
    });
    child.on('error', reject);
    child.on('exit', (code) => (result ? resolve(result) : reject(new Error(`phase ${phase} exited with ${code} and no result`))));
  });

const freshDatabase = async (client: TestDatabaseClient, root: string, name: string): Promise<TestDatabase> => {
  if (client !== 'sqlite') return createTestDatabase(client);
  const file = path.join(root, `${name}.db`);
  return { client, env: { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: file }, drop: async () => fs.rmSync(file, { force: true }) };
};

const expectCounts = (result: PhaseResult, expected: Partial<ReportCounts>) => {
  for (const [key, value] of Object.entries(expected)) {
    const actual = result.counts[key as keyof ReportCounts];
    if (actual !== value) throw new Error(`phase ${result.phase}: expected ${key} = ${value}, got ${actual} (${JSON.stringify(result.counts)})`);
  }
};

const formatTable = (results: PhaseResult[]) => {
  const rows = [
    ['phase', 'files', 'seconds', 'CPU s', 'articles/s', 'ms/article', 'peak RSS MB', 'RSS after boot MB', 'DB grew KB', 'counts'],
    ...results.map((r) => [
      r.phase,
      String(r.files),
      r.seconds.toFixed(2),
      r.cpuSeconds.toFixed(2),
      r.articlesPerSecond.toFixed(1),
      ((r.seconds * 1000) / r.files).toFixed(3),
      String(r.peakRssMb),
      String(r.bootRssMb),
      (r.grewBytes / 1024).toFixed(1),
      JSON.stringify(r.counts),
    ]),
  ];
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column])).join('  ')).join('\n');
};

const orchestrate = async (options: {
  articles: number;
  seed: number;
  client: TestDatabaseClient;
  compare: TestDatabaseClient | null;
  keep: boolean;
  skipNaive: boolean;
  skipPush: boolean;
  layout: CaptureLayout;
}) => {
  const { articles, seed, client, compare, layout } = options;
  process.stderr.write(`bench: ${articles} captures (${layout}), seed ${seed}, ${client}${compare ? ` compared with ${compare}` : ''}, ${os.cpus().length} CPUs\n`);
  await buildApp();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-bench-'));
  const dir = path.join(root, 'captures');
  const generated = await writeCaptures(dir, { seed, total: articles }, undefined, layout);
  process.stderr.write(`bench: wrote ${generated.files} captures (${(generated.bytes / 1024 / 1024).toFixed(1)} MB) to ${dir}\n`);

  const ours = await freshDatabase(client, root, 'importer');
  const naive = await freshDatabase(client, root, 'naive');
  const compared = compare ? await freshDatabase(compare, root, 'compared') : null;
  const results: PhaseResult[] = [];
  const comparedResults: PhaseResult[] = [];
  let push: PushComparison | null = null;
  try {
    const phase = async (name: Phase, database: TestDatabase, into = results) => {
      const label = into === results ? name : `${name} (${compare})`;
      process.stderr.write(`bench: ${label}…\n`);
      const result = await runChild(name, dir, database.env);
      // A long run shows each phase as it ends, before the table.
      process.stderr.write(`bench: ${label}: ${result.seconds.toFixed(2)} s, ${result.articlesPerSecond.toFixed(1)} articles/s, peak RSS ${result.peakRssMb} MB, DB +${(result.grewBytes / 1024).toFixed(1)} KB\n`);
      into.push(result);
      return result;
    };
    /** One of the importer's phases, then the same on the compared database, on the same captures. */
    const importerPhase = async (name: Phase, expected: Partial<ReportCounts>) => {
      expectCounts(await phase(name, ours), expected);
      if (compared) expectCounts(await phase(name, compared, comparedResults), expected);
    };
    await importerPhase('cold', { created: articles, failed: 0 });
    await importerPhase('unchanged', { unchanged: articles });
    const changed = await writeCaptures(dir, { seed, total: articles, revision: 1 }, (index) => index % CHANGED_EVERY === 0, layout);
    await importerPhase('changed', { updated: changed.files, unchanged: articles - changed.files });
    await writeCaptures(dir, { seed, total: articles, recapture: 1 }, undefined, layout);
    await importerPhase('recaptured', { updated: articles, failed: 0 });
    // The naive path is slow: --skip-naive measures the importer alone (e.g. its memory at large N).
    if (!options.skipNaive) expectCounts(await phase('naive', naive), { created: articles });
    if (!options.skipPush) {
      process.stderr.write('bench: push (one request) vs folder, cold…\n');
      push = await comparePushWithFolder({ dir, root, freshDatabase: (name) => freshDatabase(client, root, name) });
    }
  } finally {
    if (!options.keep) {
      await ours.drop().catch(() => {});
      await naive.drop().catch(() => {});
      await compared?.drop().catch(() => {});
      fs.rmSync(root, { recursive: true, force: true });
    } else {
      process.stderr.write(`bench: kept ${root}\n`);
    }
  }

  const byPhase = Object.fromEntries(results.map((r) => [r.phase, r])) as Record<Phase, PhaseResult>;
  const summary = {
    articles,
    seed,
    layout,
    database: client,
    cpus: os.cpus().length,
    phases: Object.fromEntries(
      results.map((r) => [
        r.phase,
        { files: r.files, seconds: +r.seconds.toFixed(3), articlesPerSecond: +r.articlesPerSecond.toFixed(1), peakRssMb: r.peakRssMb, bootRssMb: r.bootRssMb, grewBytes: r.grewBytes, counts: r.counts },
      ])
    ),
    ratios: {
      coldOverNaive: byPhase.naive ? +(byPhase.cold.articlesPerSecond / byPhase.naive.articlesPerSecond).toFixed(2) : null,
      coldOverUnchanged: +(byPhase.cold.seconds / byPhase.unchanged.seconds).toFixed(2),
      recapturedOverCold: +(byPhase.recaptured.articlesPerSecond / byPhase.cold.articlesPerSecond).toFixed(2),
    },
    peakRssMb: Math.max(...results.filter((r) => r.phase !== 'naive').map((r) => r.peakRssMb)),
    push,
    compared: compare
      ? {
          database: compare,
          phases: Object.fromEntries(comparedResults.map((r) => [r.phase, { seconds: +r.seconds.toFixed(3), peakRssMb: r.peakRssMb }])),
          /** The compared database's time over --database's, per phase (paired runs). */
          timeRatios: Object.fromEntries(comparedResults.map((r) => [r.phase, +(r.seconds / byPhase[r.phase].seconds).toFixed(2)])),
        }
      : null,
  };
  process.stderr.write(`\n${formatTable(results)}\n\n`);
  if (summary.compared) {
    process.stderr.write(`${compare}, each phase right after ${client}'s:\n${formatTable(comparedResults)}\n\n`);
    const ratios = Object.entries(summary.compared.timeRatios).map(([name, ratio]) => `${name} ${ratio}×`);
    process.stderr.write(`${compare} vs ${client}, time per phase: ${ratios.join(', ')}\n`);
  }
  // Issue 15's targets, printed beside the figures they judge (the table in the README says where each stands).
  if (summary.ratios.coldOverNaive !== null) process.stderr.write(`cold vs naive: ${summary.ratios.coldOverNaive}× the articles/s (target ≥ 50×)\n`);
  process.stderr.write(
    `unchanged re-import: ${byPhase.unchanged.seconds.toFixed(2)} s, ${summary.ratios.coldOverUnchanged}× faster than cold, added ${(byPhase.unchanged.grewBytes / 1024).toFixed(1)} KB to the database (targets at 100,000: under 2 s; at 10,000: under 20 KB)\n`
  );
  process.stderr.write(`every capture changed: ${Math.round(summary.ratios.recapturedOverCold * 100)} % of cold's articles/s (target ≥ 50 % at 10,000)\n`);
  process.stderr.write(`peak RSS of the importer's phases: ${summary.peakRssMb} MB (target ≤ 400 MB at 100,000)\n`);
  if (push) process.stderr.write(`push of ${push.captures} captures in one request: ${push.pushSeconds} s vs folder ${push.folderSeconds} s: ${push.ratio}× the folder's articles/s (target ≥ 0.5)\n`);
  process.stdout.write(`${JSON.stringify(summary)}\n`);
};

/** Bad flags or values: the usage, and no stack trace. */
class UsageError extends Error {}

const readArgs = () => {
  try {
    return parseArgs({
      args: process.argv.slice(2).filter((arg) => arg !== '--'),
      options: {
        articles: { type: 'string', default: '2000' },
        seed: { type: 'string', default: '1' },
        database: { type: 'string', default: 'sqlite' },
        compare: { type: 'string' },
        keep: { type: 'boolean', default: false },
        'skip-naive': { type: 'boolean', default: false },
        'skip-push': { type: 'boolean', default: false },
        layout: { type: 'string', default: 'flat' },
        help: { type: 'boolean', default: false },
        // Set by the orchestrator for its child processes.
        phase: { type: 'string' },
        dir: { type: 'string' },
      },
    }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
};

const main = async () => {
  const values = readArgs();
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (values.phase !== undefined) {
    if (!PHASES.includes(values.phase as Phase) || values.dir === undefined) throw new UsageError(`bad phase "${values.phase}"`);
    await runPhase(values.phase as Phase, values.dir);
    return;
  }
  const articles = Number(values.articles);
  const seed = Number(values.seed);
  if (!Number.isInteger(articles) || articles < 1) throw new UsageError('--articles needs a whole number ≥ 1');
  if (!Number.isInteger(seed) || seed < 0) throw new UsageError('--seed needs a whole number ≥ 0');
  const clients = ['sqlite', 'postgres', 'mysql'];
  if (!clients.includes(values.database!)) throw new UsageError('--database is sqlite, postgres or mysql');
  if (values.compare !== undefined && (!clients.includes(values.compare) || values.compare === values.database)) {
    throw new UsageError('--compare is sqlite, postgres or mysql, other than --database');
  }
  if (!CAPTURE_LAYOUTS.includes(values.layout as CaptureLayout)) throw new UsageError(`--layout is ${CAPTURE_LAYOUTS.join(' or ')}`);
  await orchestrate({
    articles,
    seed,
    client: values.database as TestDatabaseClient,
    compare: (values.compare as TestDatabaseClient | undefined) ?? null,
    keep: values.keep!,
    skipNaive: values['skip-naive']!,
    skipPush: values['skip-push']!,
    layout: values.layout as CaptureLayout,
  });
};

main().then(
  () => process.exit(0),
  (error: Error) => {
    if (error instanceof UsageError) {
      process.stderr.write(`bench: ${error.message}\n\n${USAGE}\n`);
      process.exit(2);
    }
    process.stderr.write(`bench: ${error.stack ?? error.message}\n`);
    process.exit(1);
  }
);
