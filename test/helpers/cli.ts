import { spawn, type ChildProcess } from 'child_process';
import path from 'path';

const APP_DIR = path.resolve(__dirname, '..', '..');

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** A child process of the app's, its output collected; `done` once it has exited. */
const startCollecting = (args: string[], env: Record<string, string>): { child: ChildProcess; done: Promise<CliResult> } => {
  const child = spawn(process.execPath, args, {
    cwd: APP_DIR,
    env: { ...process.env, STRAPI_LOG_LEVEL: 'error', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const done = new Promise<CliResult>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, done };
};

/**
 * `npm run seed -- ARGS` as a user runs it (through tsx), against the database in `env`. One
 * process (tsx as a loader, not tsx's wrapper process), so that a kill reaches the import itself.
 */
export const startSeed = (args: string[], env: Record<string, string> = {}) => startCollecting(['--import', 'tsx', 'scripts/seed.ts', ...args], env);

export const runSeed = (args: string[], env: Record<string, string> = {}) => startSeed(args, env).done;

export const waitFor = async (check: () => Promise<boolean>, timeoutMs: number, what: string, pollMs = 100) => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
};

/** `strapi start` as a user runs it (the compiled app), against the database in `env`, on `port`. */
export const startServer = (port: number, env: Record<string, string> = {}) =>
  startCollecting([path.join(APP_DIR, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'), 'start'], { HOST: '127.0.0.1', PORT: String(port), ...env });
