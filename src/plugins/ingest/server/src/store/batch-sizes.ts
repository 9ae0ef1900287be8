import type { Core } from '@strapi/strapi';

export interface BatchSizes {
  /** New articles written per transaction. */
  create: number;
  /** Changed captures of stored articles planned and written per batch. */
  update: number;
  /** Whether a batch is written while the run reads and parses the next captures. */
  overlapWrites: boolean;
}

/**
 * Articles per write batch, by database. SQLite runs in the process: a statement costs no
 * round trip, and small batches keep what a batch holds short-lived in V8's heap (at 50 new
 * articles a batch, a cold import of 10,000 captures peaked 130 MB higher, in garbage).
 * A server database answers each statement over a socket — two context switches and, on a busy
 * machine, a wait for the CPU each way — and a batch costs about as many statements whatever
 * its size: larger batches there.
 */
export const batchSizesFor = (strapi: Core.Strapi): BatchSizes => {
  return strapi.db.dialect.client === 'sqlite' ? { create: 10, update: 25, overlapWrites: false } : { create: 50, update: 100, overlapWrites: true };
};
