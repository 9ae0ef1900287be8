import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { withPublishedArticleGraphql } from '../api/related-link/published-article';
import { ARTICLE_UID, PUBLIC_READ_TYPES, RELATED_LINK_UID } from '../utils/public-permissions';

type Resolver = (parent: unknown, args: Record<string, unknown>, context: unknown, info: unknown) => unknown;
type ResolverMiddleware = (resolve: Resolver, ...params: Parameters<Resolver>) => unknown;

interface Naming {
  getFindQueryName(contentType: unknown): string;
  getFindOneQueryName(contentType: unknown): string;
  getFindConnectionQueryName(contentType: unknown): string;
}

/** Every root query may take `status: DRAFT`, and nested relations inherit it: refuse it. */
const refuseDrafts: ResolverMiddleware = (resolve, parent, args, context, info) => {
  if (args.status !== undefined && args.status !== null && args.status !== 'published') {
    throw new errors.ForbiddenError('Only published content is available');
  }
  return resolve(parent, args, context, info);
};

const onlyLinksOfPublishedArticles: ResolverMiddleware = (resolve, parent, args, context, info) =>
  resolve(parent, { ...args, filters: withPublishedArticleGraphql(args.filters) }, context, info);

const queryNames = (naming: Naming, contentType: unknown) => [
  naming.getFindQueryName(contentType),
  naming.getFindOneQueryName(contentType),
  naming.getFindConnectionQueryName(contentType),
];

/** GraphQL serves what REST serves: published articles, and links of published articles only. */
export const restrictGraphqlToPublished = (strapi: Core.Strapi) => {
  const graphql = strapi.plugin('graphql');
  if (!graphql) return;
  const naming = graphql.service('utils').naming as Naming;

  const resolversConfig: Record<string, { middlewares: ResolverMiddleware[] }> = {};
  for (const uid of PUBLIC_READ_TYPES) {
    const middlewares = uid === RELATED_LINK_UID ? [refuseDrafts, onlyLinksOfPublishedArticles] : [refuseDrafts];
    for (const name of queryNames(naming, strapi.contentType(uid))) {
      resolversConfig[`Query.${name}`] = { middlewares };
    }
  }
  const extension = graphql.service('extension');
  extension.use({ resolversConfig });
  // Private fields leave the output and filter types on their own, but not the mutation input.
  extension.shadowCRUD(ARTICLE_UID).field('importState').disable();
  extension.shadowCRUD(ARTICLE_UID).field('importStamp').disable();
};
