import type { Core } from '@strapi/strapi';
import { contentTypes, errors } from '@strapi/utils';
import { PUBLIC_READ_TYPES } from '../utils/public-permissions';
import { REST_FILTERS } from './dialect';
import { LISTED_BY_ARTICLES, listedDocumentIds } from './listed';
import { CONTENT_API_LIMITS } from './limits';
import { checkPopulateDepth, inverseOf, publicPopulate, toManyKeys, type PopulateTree } from './populate';
import { checkPublicSort, publicFilters } from './public-filters';

/** Set on a REST request to one of the public read routes (see middlewares/published-only). */
const PUBLIC_READ = 'publicRead';

/** Query parameters through which Strapi answers with drafts, or with what drafts say. */
const UNPUBLISHED_PARAMS = ['publicationFilter', 'hasPublishedVersion'] as const;

/** Refuses (403) what would select drafts: `status` other than published, publication filters. */
export const refuseUnpublishedParams = (params: Record<string, unknown>) => {
  if (params.status !== undefined && params.status !== null && params.status !== 'published') {
    throw new errors.ForbiddenError('Only published content is available');
  }
  for (const name of UNPUBLISHED_PARAMS) {
    if (params[name] !== undefined) throw new errors.ForbiddenError(`${name} is not available: only published content is`);
  }
};

/** Checks a public REST request before any query runs, and marks it for the Document Service. */
export const admitPublicRead = (ctx: { query: Record<string, unknown>; state: Record<string, unknown> }) => {
  refuseUnpublishedParams(ctx.query);
  checkPopulateDepth(ctx.query.populate);
  ctx.state[PUBLIC_READ] = true;
};

const READS = new Set(['findMany', 'findFirst', 'findOne', 'count']);
const PUBLIC_TYPES = new Set<string>(PUBLIC_READ_TYPES);
/** Params of the per-entry queries this file makes itself: already checked. */
const ownQueries = new WeakSet<object>();

type Params = Record<string, unknown>;
type Entry = Record<string, unknown> & { documentId: string };
type DocumentMiddleware = Parameters<Core.Strapi['documents']['use']>[0];

const isPublicRead = (strapi: Core.Strapi) => Boolean((strapi.requestContext.get() as { state?: Params } | undefined)?.state?.[PUBLIC_READ]);

const both = (filters: unknown, extra: Params) => (filters ? { $and: [filters, extra] } : extra);

/** Filters, sort and populate of a public read, as the rules of the content API have them. */
const publicParams = async (strapi: Core.Strapi, uid: string, params: Params): Promise<Params> => {
  refuseUnpublishedParams(params);
  let filters = publicFilters(strapi, uid, params.filters, REST_FILTERS);
  checkPublicSort(strapi, uid, params.sort);
  if (LISTED_BY_ARTICLES.includes(uid)) {
    // Always in a group: findOne sets `documentId` beside the filters, and would replace it.
    const listed = { documentId: { $in: await listedDocumentIds(strapi, uid) } };
    filters = { $and: filters ? [filters, listed] : [listed] };
  }
  const next: Params = { ...params, filters };
  if (params.populate !== undefined) next.populate = publicPopulate(strapi, uid, params.populate);
  return next;
};

const LIMIT = CONTENT_API_LIMITS.populatedRows;

/** Reads made here, with params already checked: the middleware lets them through as they are. */
const ownRead = (strapi: Core.Strapi, uid: string, params: Params) => {
  ownQueries.add(params);
  return strapi.documents(uid as never).findMany(params as never) as unknown as Promise<Entry[]>;
};

/** An entry's first rows of a relation above the cap, read from the related type itself. */
const firstRows = async (strapi: Core.Strapi, uid: string, key: string, node: Params, entry: Entry) => {
  const relation = inverseOf(strapi, uid, key);
  if (!relation) throw new errors.ValidationError(`populate: ${key} holds more than ${LIMIT} entries here; ask for it from its own endpoint`);
  const { fields, populate, sort, filters } = node;
  const target = strapi.getModel(relation.target as never);
  return ownRead(strapi, relation.target, {
    fields,
    populate,
    sort,
    filters: both(filters, { [relation.inverse]: { id: entry.id } }),
    limit: LIMIT,
    ...(contentTypes.hasDraftAndPublish(target as never) ? { status: 'published' } : {}),
  });
};

/** Fills `key` on each entry: within the cap all in one read, above it entry by entry. */
const fillRelation = async (strapi: Core.Strapi, uid: string, key: string, node: Params, entries: Entry[], params: Params) => {
  const countOf = (entry: Entry) => Number((entry[key] as { count?: unknown } | undefined)?.count ?? 0);
  const within = entries.filter((entry) => countOf(entry) <= LIMIT);
  if (within.length > 0) {
    const found = await ownRead(strapi, uid, {
      filters: { documentId: { $in: within.map((entry) => entry.documentId) } },
      status: params.status,
      locale: params.locale,
      fields: ['documentId'],
      populate: { [key]: node },
      limit: within.length,
    });
    const rows = new Map(found.map((entry) => [entry.documentId, entry[key]]));
    for (const entry of within) entry[key] = rows.get(entry.documentId) ?? [];
  }
  for (const entry of entries.filter((candidate) => countOf(candidate) > LIMIT)) {
    entry[key] = await firstRows(strapi, uid, key, node, entry);
  }
};

/**
 * A populated to-many relation holds at most a page of rows per entry. The Query Engine loads a
 * relation for all entries in one query, and the Document Service takes no limit there; so
 * the entries are read with each relation's count (one grouped query), then the relation's
 * rows are read for the entries within the cap together, and for an entry above it from the
 * related type, its first rows only.
 */
const readWithCappedRelations = async (strapi: Core.Strapi, uid: string, params: Params, run: (params: Params) => Promise<unknown>): Promise<unknown> => {
  const tree = (params.populate ?? {}) as PopulateTree;
  const toMany = toManyKeys(strapi, uid, tree);
  if (toMany.length === 0) return run(params);
  const nodes = Object.fromEntries(toMany.map((key) => [key, tree[key] === true ? {} : (tree[key] as Params)]));
  const counted = { ...tree };
  for (const key of toMany) counted[key] = { count: true, ...(nodes[key].filters ? { filters: nodes[key].filters } : {}) };
  const result = await run({ ...params, populate: counted });
  const entries = (Array.isArray(result) ? result : result ? [result] : []) as Entry[];
  for (const key of toMany) await fillRelation(strapi, uid, key, nodes[key], entries, params);
  return result;
};

/**
 * Public REST reads through the Document Service: nothing they answer depends on unpublished
 * content, and each populated relation is bounded.
 */
export const publicReadMiddleware =
  (strapi: Core.Strapi): DocumentMiddleware =>
  async (context, next) => {
    const { uid, action } = context as unknown as { uid: string; action: string; params?: Params };
    if (!READS.has(action) || !PUBLIC_TYPES.has(uid) || !isPublicRead(strapi)) return next();
    const holder = context as unknown as { params: Params };
    if (ownQueries.has(holder.params)) return next();

    holder.params = await publicParams(strapi, uid, holder.params ?? {});
    if (action === 'count') return next();
    return readWithCappedRelations(strapi, uid, holder.params, (params) => {
      holder.params = params;
      return next();
    }) as ReturnType<typeof next>;
  };
