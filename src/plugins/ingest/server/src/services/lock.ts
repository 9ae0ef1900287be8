import crypto from 'crypto';
import os from 'os';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { IMPORT_LOCK_UID } from '../constants';

const LOCK_NAME = 'import';

/** Another import holds the lock and did not let go in time. */
export class LockBusyError extends errors.ApplicationError {
  readonly lockBusy = true;
}

export interface HeldLock {
  holder: string;
  /** True once a renewal found the lease taken over (this holder stalled past its lease). */
  readonly lost: boolean;
  release(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A lease in the database shared by every entry point (CLI, cron, admin) and every server on
 * it. Taking it is one conditional UPDATE, atomic on SQLite, PostgreSQL and MySQL alike; the
 * holder renews it while alive, so a holder that died blocks others for one lease at most.
 */
const createLockService = ({ strapi }: { strapi: Core.Strapi }) => {
  const locks = () => strapi.db.query(IMPORT_LOCK_UID);

  /** The lock row; servers racing to create it settle on the lowest id. */
  const lockRowId = async (): Promise<number> => {
    const find = () => locks().findOne({ where: { name: LOCK_NAME }, orderBy: { id: 'asc' }, select: ['id'] });
    const existing = await find();
    if (existing) return existing.id;
    await locks().create({ data: { name: LOCK_NAME, holder: null, expiresAt: 0 } });
    return (await find()).id;
  };

  const tryTake = async (id: number, holder: string, runId: string | null, leaseMs: number) => {
    const now = Date.now();
    const { count } = await locks().updateMany({
      where: { id, $or: [{ holder: null }, { expiresAt: { $lt: now } }] },
      data: { holder, runId, expiresAt: now + leaseMs, acquiredAt: new Date(now) },
    });
    return count === 1;
  };

  return {
    newHolderId: () => `${os.hostname()}:${process.pid}:${crypto.randomBytes(4).toString('hex')}`,

    /** Who holds the lock now, if anyone (an expired lease counts as free). */
    async current(): Promise<{ holder: string; runId: string | null; acquiredAt: string; expiresAt: number } | null> {
      const row = await locks().findOne({ where: { name: LOCK_NAME, holder: { $notNull: true } }, orderBy: { id: 'asc' } });
      if (!row || Number(row.expiresAt) < Date.now()) return null;
      return { holder: row.holder, runId: row.runId, acquiredAt: row.acquiredAt, expiresAt: Number(row.expiresAt) };
    },

    /** Takes the lock, waiting up to `waitMs` for the holder to finish; throws LockBusyError after. */
    async acquire(options: { holder: string; runId?: string | null; leaseMs: number; waitMs: number }): Promise<HeldLock> {
      const { holder, leaseMs, waitMs } = options;
      const id = await lockRowId();
      const deadline = Date.now() + waitMs;
      for (;;) {
        if (await tryTake(id, holder, options.runId ?? null, leaseMs)) break;
        if (Date.now() >= deadline) {
          const busy = await this.current();
          throw new LockBusyError(
            `Another import is running (${busy ? `held by ${busy.holder} since ${new Date(busy.acquiredAt).toISOString()}` : 'lock busy'}); gave up after waiting ${Math.round(waitMs / 1000)} s.`,
            busy ?? undefined
          );
        }
        await sleep(Math.min(500, Math.max(50, deadline - Date.now())));
      }

      let lost = false;
      const renew = async () => {
        try {
          const { count } = await locks().updateMany({ where: { id, holder }, data: { expiresAt: Date.now() + leaseMs } });
          if (count === 0) lost = true;
        } catch (error) {
          strapi.log.warn(`[ingest] could not renew the import lock: ${(error as Error).message}`);
        }
      };
      const timer = setInterval(renew, Math.max(250, Math.floor(leaseMs / 3)));
      timer.unref();

      return {
        holder,
        get lost() {
          return lost;
        },
        async release() {
          clearInterval(timer);
          await locks().updateMany({ where: { id, holder }, data: { holder: null, runId: null, expiresAt: 0 } });
        },
      };
    },
  };
};

export type LockService = ReturnType<typeof createLockService>;
export default createLockService;
