import { execFile } from 'child_process';
import path from 'path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');

/** `npm run bench -- …args`, as a person types it: exit code, stdout, stderr. */
const bench = (args: string[]) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile('npm', ['run', '--silent', 'bench', '--', ...args], { cwd: root, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });

describe('npm run bench', () => {
  it('--help prints its options and exits 0, running nothing', async () => {
    const result = await bench(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^usage: npm run bench -- \[options\]/);
    for (const option of ['--articles N', '--seed S', '--database D', '--compare D', '--skip-naive', '--skip-push', '--layout L', '--keep', '--help']) {
      expect(result.stdout).toContain(option);
    }
    expect(result.stderr).not.toMatch(/bench: \d+ captures/);
  });

  it('a bad flag or value exits 2 with the reason and the usage, no stack trace', async () => {
    for (const args of [['--articels', '5'], ['--articles', 'many']]) {
      const result = await bench(args);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^bench: /);
      expect(result.stderr).toContain('usage: npm run bench');
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
