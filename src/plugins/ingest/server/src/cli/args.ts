export interface SeedArgs {
  help: boolean;
  dir: string | null;
  dryRun: boolean;
  publish: boolean;
  force: boolean;
  json: boolean;
  /** Seconds to wait for another import's lock; null means the config's default. */
  waitSeconds: number | null;
}

/** A bad command line: the message says what, the usage says how. */
export class UsageError extends Error {}

export const SEED_USAGE = `Usage: npm run seed -- [options]

Imports every *.txt capture in a folder (recursively, in sorted order) as Article drafts,
with their Sections, Sources and Related links. Running it again changes nothing unless a
capture changed; fields an editor changed are kept (reported as conflicts).

Options:
  --dir PATH      folder to import (default: INGEST_DIR, else ./seeds)
  --dry-run       report what would happen; write nothing at all
  --publish       also publish the articles created or updated
  --force         take the import's values even where an editor changed a field
  --json          print the report as JSON on stdout, and nothing else there
  --wait SECONDS  how long to wait if another import holds the lock (default 10)
  --help          show this help

Exit status: 0 no file failed, 1 some file failed, 2 the run could not start.`;

/** Reads the seed command's flags. Throws UsageError on anything it does not know. */
export const parseSeedArgs = (argv: readonly string[]): SeedArgs => {
  const args: SeedArgs = { help: false, dir: null, dryRun: false, publish: false, force: false, json: false, waitSeconds: null };
  const flags: Record<string, keyof SeedArgs> = {
    '--help': 'help',
    '-h': 'help',
    '--dry-run': 'dryRun',
    '--publish': 'publish',
    '--force': 'force',
    '--json': 'json',
  };

  for (let index = 0; index < argv.length; index += 1) {
    const [name, inline] = argv[index].startsWith('--') ? splitInline(argv[index]) : [argv[index], undefined];
    const valueOf = () => {
      if (inline !== undefined) return inline;
      const next = argv[index + 1];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`${name} needs a value`);
      index += 1;
      return next;
    };

    if (name in flags) {
      if (inline !== undefined) throw new UsageError(`${name} takes no value`);
      (args as unknown as Record<string, unknown>)[flags[name]] = true;
    } else if (name === '--dir') {
      const dir = valueOf();
      if (dir.trim() === '') throw new UsageError('--dir needs a folder path');
      args.dir = dir;
    } else if (name === '--wait') {
      const seconds = Number(valueOf());
      if (!Number.isFinite(seconds) || seconds < 0) throw new UsageError('--wait needs a number of seconds (0 or more)');
      args.waitSeconds = seconds;
    } else {
      throw new UsageError(`unknown option: ${argv[index]}`);
    }
  }
  return args;
};

const splitInline = (arg: string): [string, string | undefined] => {
  const equals = arg.indexOf('=');
  return equals === -1 ? [arg, undefined] : [arg.slice(0, equals), arg.slice(equals + 1)];
};
