import { execFileSync } from 'child_process';
import fs from 'fs';
import path from 'path';
import { createRequire } from 'module';

export const APP_DIR = path.resolve(__dirname, '..', '..');
export const DIST_DIR = path.join(APP_DIR, 'dist');
const PLUGIN_DIR = path.join(APP_DIR, 'src', 'plugins', 'ingest');

const newestMtime = (dir: string): number => {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
};

const pluginIsStale = () => {
  const built = path.join(PLUGIN_DIR, 'dist', 'server', 'index.js');
  if (!fs.existsSync(built)) return true;
  return newestMtime(PLUGIN_DIR) > fs.statSync(built).mtimeMs;
};

/**
 * Builds what `createStrapi` loads: the ingest plugin's bundle (when its sources are newer)
 * and the app's TypeScript (config, src/api) into dist/. Output goes to stderr so that a
 * command's stdout stays its own.
 */
export const buildApp = async ({ quiet = false }: { quiet?: boolean } = {}) => {
  if (pluginIsStale()) {
    if (!quiet) process.stderr.write('Building the ingest plugin…\n');
    execFileSync(path.join(APP_DIR, 'node_modules', '.bin', 'strapi-plugin'), ['build'], {
      cwd: PLUGIN_DIR,
      stdio: ['ignore', quiet ? 'ignore' : process.stderr, process.stderr],
    });
  }
  const appRequire = createRequire(path.join(APP_DIR, 'package.json'));
  const { compileStrapi } = appRequire('@strapi/strapi');
  await compileStrapi({ appDir: APP_DIR, ignoreDiagnostics: false });
};
