import fs from 'fs';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

/**
 * The SQLite file a run writes to was deleted or replaced: nothing the run wrote will be found
 * there (SQLite writes on to the open descriptor of a deleted file without complaint).
 */
export class DatabaseLostError extends errors.ApplicationError {
  readonly databaseLost = true;
}

/** By its mark, not its class: a command's copy of this module is not the built plugin's. */
export const isDatabaseLost = (error: unknown): error is DatabaseLostError => (error as { databaseLost?: unknown } | null)?.databaseLost === true;

/** Which file a SQLite database is, by device and inode (a replaced file has another). */
export interface DatabaseFileIdentity {
  filename: string;
  dev: number;
  ino: number;
}

/** The SQLite file Strapi uses, or null for a server database. */
export const databaseFileOf = (strapi: Core.Strapi): DatabaseFileIdentity | null => {
  const connection = strapi.config.get('database.connection') as { client?: string; connection?: { filename?: string } };
  const filename = connection?.client === 'sqlite' ? connection.connection?.filename : undefined;
  if (!filename || filename === ':memory:') return null;
  const stats = fs.statSync(filename);
  return { filename, dev: stats.dev, ino: stats.ino };
};

/**
 * Why the SQLite file is no longer the one a run wrote to, or null. SQLite keeps writing to a
 * deleted file's open descriptor without complaint: every write succeeds, and all of it is
 * gone when the process exits.
 */
export const databaseFileChange = (before: DatabaseFileIdentity | null): string | null => {
  if (!before) return null;
  let stats: fs.Stats;
  try {
    stats = fs.statSync(before.filename);
  } catch {
    return `the database file ${before.filename} was deleted during the run: nothing it wrote is stored`;
  }
  if (stats.dev !== before.dev || stats.ino !== before.ino) {
    return `the database file ${before.filename} was replaced during the run: what it wrote is not in the new file`;
  }
  return null;
};

/** Throws DatabaseLostError when the SQLite file is no longer the one a run writes to. */
export const assertDatabaseFile = (before: DatabaseFileIdentity | null): void => {
  const lost = databaseFileChange(before);
  if (lost) throw new DatabaseLostError(lost);
};
