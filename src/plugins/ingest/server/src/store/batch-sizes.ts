import type { Core } from '@strapi/strapi';

export interface BatchSizes {
  /** New articles written per transaction. */
  create: number;
  /** Changed captures of stored articles planned and written per batch. */
  update: number;
  /** Whether a batch is written while the run reads and parses the next captures (run-store's inTurn). */
  overlapWrites: boolean;
}

/**
 * Articles per write batch, by database. SQLite runs in this process: a statement costs no
 * round trip, and small batches keep what a batch holds short-lived in V8's heap (at 50 new
 * articles a batch, a cold SQLite import of 10,000 captures once peaked 130 MB higher, in
 * garbage). A server database answers each statement over a socket — a wait for its process
 * each way, longer on a busy machine — and a batch costs about as many statements whatever its
 * size: there batches are larger (PostgreSQL at 10,000 captures peaked 6–12 MB higher than with
 * SQLite's sizes), and written while this process parses the next captures.
 */
export const batchSizesFor = (strapi: Core.Strapi): BatchSizes =>
  strapi.db.dialect.client === 'sqlite' ? { create: 10, update: 25, overlapWrites: false } : { create: 50, update: 100, overlapWrites: true };
