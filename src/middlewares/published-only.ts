import type { Core } from '@strapi/strapi';
import { admitPublicRead } from '../content-api/public-read';

/**
 * The public read routes serve published content at a bounded cost. Refused here, before any
 * query: `?status=draft` (Strapi reads drafts for anyone who may `find`, also through populate
 * from types without Draft & Publish), `publicationFilter`/`hasPublishedVersion` (403), and a
 * populate deeper than the limit (400). The Document Service middleware of
 * content-api/public-read.ts then rewrites the request's filters and populate.
 */
const publishedOnly: Core.MiddlewareFactory = () => async (ctx, next) => {
  admitPublicRead(ctx as never);
  await next();
};

export default publishedOnly;
