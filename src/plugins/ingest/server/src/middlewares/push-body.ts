import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';

type MiddlewareFactory = (config: unknown, context: { strapi: Core.Strapi }) => (ctx: Context, next: Next) => Promise<unknown>;

/** The push route's path, under the content API's prefix. */
export const pushPath = (strapi: Core.Strapi) => `${strapi.config.get('api.rest.prefix', '/api')}/ingest/captures`;

/**
 * Strapi's body parser leaves the push route alone: it would decode a capture as UTF-8 (losing
 * Latin-1 and UTF-16 bytes) and refuse it past its own small limits (56 KB of text, 1 MB of
 * JSON). The push controller reads the raw bytes itself, once the token is checked, with the
 * push API's limits. Every other route keeps the parser exactly as configured.
 */
export const bypassBodyParserForPush = (strapi: Core.Strapi) => {
  const path = pushPath(strapi);
  const registry = strapi.get('middlewares') as { extend(uid: string, wrap: (factory: MiddlewareFactory) => MiddlewareFactory): unknown };
  registry.extend('strapi::body', (factory) => (config, context) => {
    const parse = factory(config, context);
    // The router matches the path with a trailing slash too.
    return (ctx, next) => (ctx.method === 'POST' && ctx.path.replace(/\/+$/, '') === path ? next() : parse(ctx, next));
  });
};
