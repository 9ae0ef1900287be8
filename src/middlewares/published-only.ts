import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

/**
 * The content API serves published content only. Strapi reads drafts for anyone who may `find`
 * when asked with `?status=draft` (also through populate, from types without Draft & Publish),
 * so that request is refused here.
 */
const publishedOnly: Core.MiddlewareFactory = () => async (ctx, next) => {
  const { status } = ctx.query as { status?: unknown };
  if (status !== undefined && status !== 'published') {
    throw new errors.ForbiddenError('Only published content is available');
  }
  await next();
};

export default publishedOnly;
