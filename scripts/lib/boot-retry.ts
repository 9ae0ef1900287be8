/**
 * Strapi creates a new database's tables, and runs its first migrations, at boot without a
 * lock: two commands started together on a brand-new database both try, and the slower one
 * fails with "table … already exists", or a first-boot migration with a duplicate row (in each
 * database's spelling). A moment later the other has finished and a new boot finds it all done.
 */
const SCHEMA_RACE =
  /already exists|duplicate (table|column|key|entry)|pg_type_typname_nsp_index|UNIQUE constraint failed|Migration \S+ \(up\) failed/i;

export const isSchemaRace = (error: unknown) => SCHEMA_RACE.test(error instanceof Error ? error.message : String(error));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Boots; when another process was creating the tables at the same time, waits and boots again. */
export const bootRetryingSchemaRace = async <T>(
  boot: () => Promise<T>,
  { attempts = 5, waitMs = 1000, describe = (error: unknown) => String(error) } = {}
): Promise<T> => {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await boot();
    } catch (error) {
      if (!isSchemaRace(error)) throw error;
      if (attempt >= attempts) {
        throw new Error(
          `another process seems to be creating the database's tables at the same time, and boot still failed after ${attempts} tries (${describe(error)}); run the command again`
        );
      }
      await sleep(waitMs * attempt);
    }
  }
};
