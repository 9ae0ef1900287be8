import { execFileSync } from 'child_process';
import fs from 'fs';
import path from 'path';
import { createRequire } from 'module';

export const APP_DIR = path.resolve(__dirname, '..', '..');
export const DIST_DIR = path.join(APP_DIR, 'dist');
const PLUGIN_DIR = path.join(APP_DIR, 'src', 'plugins', 'ingest');
const APP_STAMP = path.join(DIST_DIR, '.compiled-at');
const LOCK_DIR = path.join(APP_DIR, '.tmp', 'build.lock');
/** A build lock older than this was left by a process that died. */
const STALE_LOCK_MS = 5 * 60_000;

const BUILD_OUTPUT = new Set(['node_modules', 'dist']);
/** The app's compile leaves the plugin to the plugin's own build. */
const NOT_APP_SOURCE = new Set([...BUILD_OUTPUT, 'plugins']);

const newestMtime = (target: string, skip: ReadonlySet<string> = BUILD_OUTPUT): number => {
  if (!fs.existsSync(target)) return 0;
  const stats = fs.statSync(target);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const entry of fs.readdirSync(target)) {
    if (!skip.has(entry)) newest = Math.max(newest, newestMtime(path.join(target, entry), skip));
  }
  return newest;
};

const mtime = (file: string) => (fs.existsSync(file) ? fs.statSync(file).mtimeMs : 0);

const pluginIsStale = () => newestMtime(PLUGIN_DIR) > mtime(path.join(PLUGIN_DIR, 'dist', 'server', 'index.js'));

const appIsStale = () =>
  Math.max(newestMtime(path.join(APP_DIR, 'config')), newestMtime(path.join(APP_DIR, 'src'), NOT_APP_SOURCE), mtime(path.join(APP_DIR, 'tsconfig.json'))) >
  mtime(APP_STAMP);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Commands started together (two seeds, test workers) must not rebuild dist/ under each other. */
const withBuildLock = async <T>(work: () => Promise<T>): Promise<T> => {
  fs.mkdirSync(path.dirname(LOCK_DIR), { recursive: true });
  for (;;) {
    try {
      fs.mkdirSync(LOCK_DIR);
      break;
    } catch {
      if (Date.now() - mtime(LOCK_DIR) > STALE_LOCK_MS) fs.rmSync(LOCK_DIR, { recursive: true, force: true });
      await sleep(200);
    }
  }
  try {
    return await work();
  } finally {
    fs.rmSync(LOCK_DIR, { recursive: true, force: true });
  }
};

/**
 * Builds what `createStrapi` loads, when its sources are newer than the last build: the
 * ingest plugin's bundle and the app's TypeScript (config, src/api) into dist/. Output goes to
 * stderr so that a command's stdout stays its own.
 */
export const buildApp = async ({ quiet = false }: { quiet?: boolean } = {}) =>
  withBuildLock(async () => {
    if (pluginIsStale()) {
      if (!quiet) process.stderr.write('Building the ingest plugin…\n');
      execFileSync(path.join(APP_DIR, 'node_modules', '.bin', 'strapi-plugin'), ['build'], {
        cwd: PLUGIN_DIR,
        stdio: ['ignore', quiet ? 'ignore' : process.stderr, process.stderr],
      });
    }
    if (appIsStale()) {
      const appRequire = createRequire(path.join(APP_DIR, 'package.json'));
      const { compileStrapi } = appRequire('@strapi/strapi');
      await compileStrapi({ appDir: APP_DIR, ignoreDiagnostics: false });
      fs.writeFileSync(APP_STAMP, new Date().toISOString());
    }
  });
