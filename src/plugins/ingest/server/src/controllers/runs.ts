import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { getIngestConfig } from '../config/read';
import { LockBusyError } from '../services/lock';
import { getService } from '../utils';
import { validateListQuery, validateTriggerBody } from '../validation/runs';

/** The Ingest page's endpoints: list runs, one run with its progress, start a run. */
const createRunsController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: Context) {
    const { page, pageSize } = await validateListQuery(ctx.query ?? {});
    const { results, pagination } = await getService(strapi, 'runs').list({ page, pageSize });
    const current = getService(strapi, 'progress').current();
    ctx.body = {
      data: results,
      meta: { pagination, dir: getIngestConfig(strapi).dir, activeRunId: current?.runId ?? null },
    };
  },

  async findOne(ctx: Context) {
    const { id } = ctx.params as { id: string };
    const run = await getService(strapi, 'runs').get(id);
    if (!run) throw new errors.NotFoundError(`No import run ${id}`);
    ctx.body = { data: { ...run, progress: getService(strapi, 'progress').get(id) } };
  },

  async create(ctx: Context) {
    const { dryRun = false } = await validateTriggerBody((ctx.request as { body?: unknown }).body ?? {});
    const adminRuns = getService(strapi, 'admin-runs');
    if (dryRun) {
      ctx.body = { data: await adminRuns.dryRun() };
      return;
    }
    try {
      const runId = await adminRuns.start();
      ctx.status = 202;
      ctx.body = { data: { runId } };
    } catch (error) {
      // Another import holds the lock: the caller may try again once it ends.
      if (!(error instanceof LockBusyError)) throw error;
      ctx.conflict(error.message);
    }
  },
});

export default createRunsController;
