/**
 * Strapi creates a new database's tables, runs its first migrations and writes its first rows
 * (admin roles and permissions) at boot without a lock of its own. Our commands take a boot
 * lock (boot-lock.ts) and so never race each other; this retry is the fallback for a boot
 * racing one that does not take it: a server (`strapi develop`/`start`) started at the same
 * time. The slower one fails on what the other just made ("table … already exists", a
 * duplicate constraint name or row, a foreign key to a row the other replaced or one it
 * dropped; each database spells them its own way). A moment later the other has finished and
 * a new boot finds it all done. At boot, nothing else breaks these constraints.
 */
const SCHEMA_RACE = new RegExp(
  [
    'already exists',
    '\\bduplicate\\b',
    'pg_type_typname_nsp_index',
    'UNIQUE constraint failed',
    'FOREIGN KEY constraint failed',
    'violates (unique|foreign key) constraint',
    'foreign key constraint fails',
    "Can't DROP",
    'Migration \\S+ \\(up\\) failed',
  ].join('|'),
  'i'
);

export const isSchemaRace = (error: unknown) => SCHEMA_RACE.test(error instanceof Error ? error.message : String(error));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Boots; when another process was creating the tables at the same time, waits and boots again,
 * for as long as a first boot may take (a new MariaDB schema takes most of a minute).
 */
export const bootRetryingSchemaRace = async <T>(
  boot: () => Promise<T>,
  {
    budgetMs = 180_000,
    waitMs = 2000,
    describe = (error: unknown) => String(error),
    onRetry = (_error: unknown) => {},
  }: { budgetMs?: number; waitMs?: number; describe?: (error: unknown) => string; onRetry?: (error: unknown) => void } = {}
): Promise<T> => {
  const started = Date.now();
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await boot();
    } catch (error) {
      if (!isSchemaRace(error)) throw error;
      if (Date.now() - started > budgetMs) {
        throw new Error(
          `another process seems to be creating the database's tables at the same time, and boot still failed after ${attempt} tries in ${Math.round(
            (Date.now() - started) / 1000
          )} s (${describe(error)}); run the command again`
        );
      }
      onRetry(error);
      // Jittered, so that two waiting processes do not collide again in step.
      await sleep(waitMs + Math.random() * waitMs);
    }
  }
};
