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
 * Articles per write batch, by database. A commit writes the pages the batch touched (the same
 * index pages over and over at 10 a batch), and each statement has a fixed cost: at 10 new
 * articles a transaction, commits and statements were a third of a cold import. SQLite runs in
 * this process and its rows go through statements prepared once (store/plain-inserts): there
 * new articles go 30 a transaction — a batch's captures, rows and events are held until it is
 * written, and with the heap flags of `npm run seed` and `npm run bench` (a small young
 * generation) what a larger batch holds is promoted and collected again: paired cold runs of
 * 2,000 took 10 % more CPU at 50 than at 20–30, and more at 10. Changed captures stay 25 a
 * batch (their snapshots are held too). A server database answers each statement over a
 * socket — a wait for its process each way, longer on a busy machine — and a batch costs about
 * as many statements whatever its size: there new articles go 50 and changed captures 100 a
 * batch, and batches are written while this process parses the next captures (PostgreSQL at
 * 10,000 captures peaked 6–12 MB higher than with SQLite's sizes).
 */
export const batchSizesFor = (strapi: Core.Strapi): BatchSizes =>
  strapi.db.dialect.client === 'sqlite' ? { create: 30, update: 25, overlapWrites: false } : { create: 50, update: 100, overlapWrites: true };
