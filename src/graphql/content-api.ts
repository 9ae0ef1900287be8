import type { Core } from '@strapi/strapi';
import { GRAPHQL_FILTERS } from '../content-api/dialect';
import { LISTED_BY_ARTICLES, listedDocumentIds } from '../content-api/listed';
import { checkPublicSort, publicFilters } from '../content-api/public-filters';
import { refuseUnpublishedParams } from '../content-api/public-read';
import { withPublishedArticleGraphql } from '../api/related-link/published-article';
import { ARTICLE_UID, PUBLIC_READ_TYPES, RELATED_LINK_UID } from '../utils/public-permissions';
import { refuseAccountMutations } from './accounts';

type Args = Record<string, unknown>;
type Resolver = (parent: unknown, args: Args, context: unknown, info: unknown) => unknown;
type ResolverMiddleware = (resolve: Resolver, ...params: Parameters<Resolver>) => unknown;

interface Naming {
  getTypeName(contentType: unknown): string;
  getFindQueryName(contentType: unknown): string;
  getFindOneQueryName(contentType: unknown): string;
  getFindConnectionQueryName(contentType: unknown): string;
}

const and = (filters: unknown, extra: Args) => (filters ? { and: [filters, extra] } : extra);

/**
 * The rules REST follows (content-api/), for a GraphQL field reading `uid`: no draft status
 * or publication filter (FORBIDDEN); filters through relations see published rows only;
 * no sorting through a relation into Article.
 */
const publicArgs =
  (strapi: Core.Strapi, uid: string): ResolverMiddleware =>
  async (resolve, parent, args, context, info) => {
    refuseUnpublishedParams(args);
    checkPublicSort(strapi, uid, args.sort);
    let filters = publicFilters(strapi, uid, args.filters, GRAPHQL_FILTERS);
    if (uid === RELATED_LINK_UID) filters = withPublishedArticleGraphql(filters);
    const root = parent === undefined || parent === null;
    if (!root || !LISTED_BY_ARTICLES.includes(uid)) return resolve(parent, filters === undefined ? args : { ...args, filters }, context, info);
    // Sections and sources only when a published article uses them (a relation field of a
    // published article always leads to one).
    const listed = await listedDocumentIds(strapi, uid);
    if (typeof args.documentId === 'string') return listed.includes(args.documentId) ? resolve(parent, args, context, info) : null;
    return resolve(parent, { ...args, filters: and(filters, { documentId: { in: listed } }) }, context, info);
  };

const queryNames = (naming: Naming, contentType: unknown) => [
  naming.getFindQueryName(contentType),
  naming.getFindOneQueryName(contentType),
  naming.getFindConnectionQueryName(contentType),
];

/** `Section.articles`, `Section.articles_connection`…: every relation field of the public types. */
const relationFields = (strapi: Core.Strapi, naming: Naming) =>
  PUBLIC_READ_TYPES.flatMap((uid) => {
    const contentType = strapi.contentType(uid);
    const typeName = naming.getTypeName(contentType);
    return Object.entries(contentType.attributes)
      .filter(([, attribute]) => attribute.type === 'relation' && 'target' in attribute && typeof attribute.target === 'string')
      .flatMap(([name, attribute]) => {
        const target = (attribute as { target: string }).target;
        const toMany = String((attribute as { relation: string }).relation).endsWith('Many');
        return [`${typeName}.${name}`, ...(toMany ? [`${typeName}.${name}_connection`] : [])].map((field) => ({ field, target }));
      });
  });

/** GraphQL serves what REST serves: published content, through every query and relation field. */
export const restrictGraphqlToPublished = (strapi: Core.Strapi) => {
  const graphql = strapi.plugin('graphql');
  if (!graphql) return;
  const naming = graphql.service('utils').naming as Naming;

  const resolversConfig: Record<string, { middlewares: ResolverMiddleware[] }> = {};
  for (const uid of PUBLIC_READ_TYPES) {
    for (const name of queryNames(naming, strapi.contentType(uid))) {
      resolversConfig[`Query.${name}`] = { middlewares: [publicArgs(strapi, uid)] };
    }
  }
  for (const { field, target } of relationFields(strapi, naming)) {
    resolversConfig[field] = { middlewares: [publicArgs(strapi, target)] };
  }
  const extension = graphql.service('extension');
  extension.use({ resolversConfig: { ...resolversConfig, ...refuseAccountMutations() } });
  // Private fields leave the output and filter types on their own, but not the mutation input.
  extension.shadowCRUD(ARTICLE_UID).field('importState').disable();
  extension.shadowCRUD(ARTICLE_UID).field('importStamp').disable();
};
