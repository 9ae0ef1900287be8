/**
 * Strapi creates a new database's tables at boot without a lock: two commands started together
 * on a brand-new database both try, and the slower one fails with "table … already exists"
 * (or its PostgreSQL/MariaDB spelling). Its tables are there a moment later.
 */
const SCHEMA_RACE = /already exists|duplicate (table|column|key)|pg_type_typname_nsp_index/i;

export const isSchemaRace = (error: unknown) => SCHEMA_RACE.test(error instanceof Error ? error.message : String(error));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Boots; when another process was creating the tables at the same time, waits and boots again. */
export const bootRetryingSchemaRace = async <T>(boot: () => Promise<T>, { attempts = 5, waitMs = 1000 } = {}): Promise<T> => {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await boot();
    } catch (error) {
      if (!isSchemaRace(error)) throw error;
      if (attempt >= attempts) {
        throw new Error(
          `another process was creating the database's tables at the same time, and they were still changing after ${attempts} tries; run the command again`
        );
      }
      await sleep(waitMs * attempt);
    }
  }
};
