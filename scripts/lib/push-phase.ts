/**
 * The benchmark's push phase: the same captures (at most 1,000, the push API's limit) imported
 * cold twice, each on its own empty database and in its own child process — once from a folder
 * by the importer, once in ONE request to POST /api/ingest/captures on a served Strapi. The
 * figure is the push's articles/s over the folder's (target ≥ 0.5).
 *
 * Timed: the folder run from `importer.run` to its report; the push from sending the request
 * to its answer (the JSON body is built before, as a scraper would hold it).
 */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { PUSH_ACTION, PUSH_MAX_CAPTURES } from '../../src/plugins/ingest/server/src/constants';
import { folderSource } from '../../src/plugins/ingest/server/src/sources';
import { getService } from '../../src/plugins/ingest/server/src/utils';
import { bootHeadless } from './boot';
import type { TestDatabase } from './throwaway-database';

type Mode = 'folder' | 'push';

interface ModeResult {
  mode: Mode;
  captures: number;
  seconds: number;
  created: number;
}

export interface PushComparison {
  captures: number;
  folderSeconds: number;
  pushSeconds: number;
  /** Push articles/s over folder articles/s. */
  ratio: number;
}

const CHILD_FLAG = '--push-phase-child';

/** The first `limit` captures of `dir` (its subfolders too, in import order), copied side by side into `into`. */
const copyFirst = (dir: string, into: string, limit: number) => {
  fs.mkdirSync(into, { recursive: true });
  const names = fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.txt'))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, limit);
  for (const name of names) fs.copyFileSync(path.join(dir, name), path.join(into, path.basename(name)));
  return names.length;
};

/**
 * Boots a served Strapi, creates a push token and builds the request body: both modes do this
 * before their clock starts, so that neither is timed while the other's boot settles.
 */
const prepare = async (dir: string) => {
  const strapi = await bootHeadless({ build: false });
  await new Promise<void>((resolve, reject) => {
    strapi.server.httpServer.once('error', reject);
    strapi.server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = strapi.server.httpServer.address() as AddressInfo;
  const token = await strapi.service('admin::api-token-content-api').create({ name: 'bench', description: 'bench push', type: 'custom', permissions: [PUSH_ACTION], lifespan: null });
  const names = fs.readdirSync(dir).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const body = JSON.stringify({
    captures: names.map((name) => ({ externalId: name.replace(/\.txt$/, ''), text: fs.readFileSync(path.join(dir, name), 'utf8') })),
  });
  return { strapi, port, token, names, body };
};

const pushOnce = async (dir: string): Promise<ModeResult> => {
  const { strapi, port, token, names, body } = await prepare(dir);
  const started = process.hrtime.bigint();
  const response = await fetch(`http://127.0.0.1:${port}/api/ingest/captures`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token.accessKey}`, 'content-type': 'application/json' },
    body,
  });
  const report = (await response.json()) as { counts?: { created: number } };
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await strapi.destroy().catch(() => {});
  if (response.status !== 200) throw new Error(`push answered ${response.status}: ${JSON.stringify(report).slice(0, 300)}`);
  return { mode: 'push', captures: names.length, seconds, created: report.counts?.created ?? 0 };
};

const folderOnce = async (dir: string): Promise<ModeResult> => {
  const { strapi } = await prepare(dir);
  const started = process.hrtime.bigint();
  const report = await getService(strapi, 'importer').run({ trigger: 'cli', source: folderSource(strapi, dir) });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await strapi.destroy().catch(() => {});
  return { mode: 'folder', captures: report.items.length, seconds, created: report.counts.created };
};

const runChild = (mode: Mode, dir: string, env: Record<string, string>) =>
  new Promise<ModeResult>((resolve, reject) => {
    let result: ModeResult | undefined;
    const child = fork(__filename, [CHILD_FLAG, mode, dir], {
      env: { ...process.env, ...env, STRAPI_LOG_LEVEL: process.env.STRAPI_LOG_LEVEL ?? 'error' },
      stdio: ['ignore', process.stderr, 'inherit', 'ipc'],
    });
    child.on('message', (message) => (result = message as ModeResult));
    child.on('error', reject);
    child.on('exit', (code) => (result ? resolve(result) : reject(new Error(`push phase (${mode}) exited with ${code} and no result`))));
  });

/** Compares a push of (up to) 1,000 of `dir`'s captures with a folder import of the same, each on a fresh database. */
export const comparePushWithFolder = async (options: { dir: string; root: string; freshDatabase: (name: string) => Promise<TestDatabase> }): Promise<PushComparison> => {
  const dir = path.join(options.root, 'push-captures');
  const captures = copyFirst(options.dir, dir, PUSH_MAX_CAPTURES);
  const results: ModeResult[] = [];
  for (const mode of ['folder', 'push'] as const) {
    const database = await options.freshDatabase(`push-${mode}`);
    try {
      const result = await runChild(mode, dir, database.env);
      if (result.created !== captures) throw new Error(`push phase (${mode}): ${result.created} of ${captures} captures created`);
      results.push(result);
    } finally {
      await database.drop().catch(() => {});
    }
  }
  const [folder, pushed] = results;
  return { captures, folderSeconds: +folder.seconds.toFixed(3), pushSeconds: +pushed.seconds.toFixed(3), ratio: +(folder.seconds / pushed.seconds).toFixed(2) };
};

if (process.argv[2] === CHILD_FLAG) {
  const [mode, dir] = process.argv.slice(3) as [Mode, string];
  (mode === 'push' ? pushOnce(dir) : folderOnce(dir)).then(
    (result) => {
      process.send?.(result);
      process.exit(0);
    },
    (error: Error) => {
      process.stderr.write(`push phase (${mode}): ${error.stack ?? error.message}\n`);
      process.exit(1);
    }
  );
}
