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
 * Articles per write batch, by database. New articles go 50 to a transaction everywhere: a
 * commit writes the pages the batch touched (the same index pages over and over at 10 a batch)
 * and each statement has a fixed cost in knex and the driver — at 50, a cold SQLite import of
 * 2,000 captures spent half as long in commits and a third less in its inserts, and peak RSS at
 * 10,000 did not move (294 MB vs 297 MB). SQLite runs in this process: a statement costs no
 * round trip, and changed captures stay 25 a batch (a batch's snapshots are held until it is
 * written). A server database answers each statement over a socket — a wait for its process
 * each way, longer on a busy machine — and a batch costs about as many statements whatever its
 * size: there changed captures go 100 a batch, and batches are written while this process
 * parses the next captures (PostgreSQL at 10,000 captures peaked 6–12 MB higher than with
 * SQLite's sizes).
 */
export const batchSizesFor = (strapi: Core.Strapi): BatchSizes =>
  strapi.db.dialect.client === 'sqlite' ? { create: 50, update: 25, overlapWrites: false } : { create: 50, update: 100, overlapWrites: true };
