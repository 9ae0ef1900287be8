import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import { getIngestConfig } from '../config/read';
import { PUSH_MAX_BYTES } from '../constants';
import { LockBusyError } from '../services/lock';
import { isDatabaseLost } from '../store/database-file';
import { pushedSource } from '../sources';
import { getService } from '../utils';
import { readBody } from '../utils/read-body';
import { overLimits, parseBatch, parseSingleQuery, type PushRequest } from '../validation/push';

/** Strapi's error shape, for the answers its error classes do not cover (415, 500 with a message, 503). */
const answerError = (ctx: Context, status: number, name: string, message: string) => {
  ctx.status = status;
  ctx.body = { data: null, error: { status, name, message, details: {} } };
};

/** Who pushed, for the run log: the API token's name (or a user's, should a role be granted the action). */
const actorOf = (ctx: Context): string | null => {
  const credentials = (ctx.state.auth?.credentials ?? null) as { name?: string; username?: string } | null;
  return credentials?.name ?? credentials?.username ?? null;
};

/**
 * POST /api/ingest/captures (the push API). The token was checked before this runs; the body
 * is read here, raw (see middlewares/push-body), and every refusal comes before anything is
 * imported.
 */
const createCapturesController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async push(ctx: Context) {
    // The media type alone (an empty body still has one): text/plain or application/json, any charset.
    const type = ctx.request.type;
    const kind = type === 'text/plain' || type === 'application/json' ? type : null;
    if (!kind) {
      answerError(ctx, 415, 'UnsupportedMediaTypeError', `Content-Type must be text/plain (one capture) or application/json (a batch), not "${ctx.get('Content-Type') || 'none'}"`);
      return;
    }
    const encoding = ctx.get('Content-Encoding');
    if (encoding && encoding !== 'identity') {
      answerError(ctx, 415, 'UnsupportedMediaTypeError', `Content-Encoding "${encoding}" is not accepted: send the body as it is`);
      return;
    }
    // A batch's flags are in its body: a query string there would be ignored, so it is refused.
    const single = kind === 'text/plain' ? parseSingleQuery(ctx.query as Record<string, unknown>) : null;
    if (!single && ctx.querystring) {
      answerError(ctx, 400, 'ValidationError', 'a JSON batch takes its flags in the body (publish, dryRun, force), not in the query string');
      return;
    }

    const body = await readBody(ctx.req, PUSH_MAX_BYTES);
    if (!body.ok) {
      ctx.set('Connection', 'close');
      throw overLimits(body.size === null ? 'the body passed the limit' : `the body is ${body.size} bytes`);
    }
    const request: PushRequest = single
      ? { captures: [{ externalId: single.externalId, bytes: body.bytes }], flags: single.flags }
      : parseBatch(body.bytes);

    try {
      ctx.body = await getService(strapi, 'importer').run({
        trigger: 'api',
        actor: actorOf(ctx),
        source: pushedSource(strapi, request.captures),
        ...request.flags,
      });
    } catch (error) {
      if (isDatabaseLost(error)) {
        // The server's fault, not the request's: said without the file's path, which is the server's business.
        strapi.log.error(`[ingest] a push was not stored: ${error.message}`);
        answerError(ctx, 500, 'InternalServerError', "the server's database file was deleted or replaced during the import: nothing was stored; push again once the server has been restarted");
        return;
      }
      if (!(error instanceof LockBusyError)) throw error;
      ctx.set('Retry-After', String(Math.max(1, Math.ceil(getIngestConfig(strapi).lockLeaseMs / 1000))));
      answerError(ctx, 503, 'ServiceUnavailableError', error.message);
    }
  },
});

export default createCapturesController;
