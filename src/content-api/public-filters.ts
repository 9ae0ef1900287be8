import type { Core } from '@strapi/strapi';
import { contentTypes, errors } from '@strapi/utils';
import type { FilterDialect } from './dialect';
import { CONTENT_API_LIMITS } from './limits';

type Json = Record<string, unknown>;
type GetModel = (uid: string) => { uid: string; attributes: Record<string, any>; options?: Json } | undefined;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

const isScalar = (value: unknown) =>
  value === null || value instanceof Date || ['string', 'number', 'boolean', 'bigint'].includes(typeof value);

const relationTarget = (attribute: any): string | null =>
  attribute?.type === 'relation' && typeof attribute.target === 'string' ? attribute.target : null;

interface Walk {
  getModel: GetModel;
  dialect: FilterDialect;
  joins: number;
}

/**
 * An attribute's condition: a value, a list of values, or operators whose values are values
 * (`$eq: {$ne: x}` would reach the database as an object and fail there with a 500).
 */
const checkCondition = (walk: Walk, path: string, condition: unknown): void => {
  if (isScalar(condition)) return;
  if (Array.isArray(condition)) {
    if (condition.every(isScalar)) return;
    throw new errors.ValidationError(`Invalid filter on ${path}: a list may hold values only`);
  }
  if (!isObject(condition)) throw new errors.ValidationError(`Invalid filter on ${path}`);
  const { and, or, not } = walk.dialect;
  for (const [operator, value] of Object.entries(condition)) {
    if (!walk.dialect.isOperator(operator)) throw new errors.ValidationError(`Invalid filter on ${path}: ${operator} is not an operator`);
    if (operator === and || operator === or) {
      if (!Array.isArray(value)) throw new errors.ValidationError(`Invalid filter on ${path}: ${operator} takes a list`);
      value.forEach((entry) => checkCondition(walk, path, entry));
    } else if (operator === not) {
      checkCondition(walk, path, value);
    } else if (!isScalar(value) && !(Array.isArray(value) && value.every(isScalar))) {
      throw new errors.ValidationError(`Invalid filter on ${path}: ${operator} takes a value, not an object`);
    }
  }
};

const rewrite = (walk: Walk, uid: string, filters: unknown, path: string): unknown => {
  if (Array.isArray(filters)) return filters.map((entry) => rewrite(walk, uid, entry, path));
  if (!isObject(filters)) throw new errors.ValidationError(`Invalid filter${path ? ` on ${path}` : ''}: expected an object`);
  const model = walk.getModel(uid);
  const { and, or, not } = walk.dialect;
  const result: Json = {};
  for (const [key, value] of Object.entries(filters)) {
    const target = relationTarget(model?.attributes[key]);
    const here = path ? `${path}.${key}` : key;
    if (key === and || key === or || key === not) result[key] = rewrite(walk, uid, value, path);
    else if (target) result[key] = relationFilter(walk, target, value, here);
    else if (walk.dialect.isOperator(key)) throw new errors.ValidationError(`Invalid filter${path ? ` on ${path}` : ''}: ${key} needs a field`);
    else {
      checkCondition(walk, here, value);
      result[key] = value;
    }
  }
  return result;
};

/**
 * A relation's condition seen from the public: Strapi narrows the queried type to published
 * rows but joins related rows as they are, drafts included, so `sections?filters[articles]…`
 * would answer from draft text. Each path into a Draft & Publish type also requires the joined
 * row to be published (both conditions in one group, so they hold for the same row).
 */
const relationFilter = (walk: Walk, target: string, condition: unknown, path: string): unknown => {
  walk.joins += 1;
  if (walk.joins > CONTENT_API_LIMITS.filterJoins) {
    throw new errors.ValidationError(`A filter may cross at most ${CONTENT_API_LIMITS.filterJoins} relations`);
  }
  const inner = rewrite(walk, target, isObject(condition) ? condition : { id: condition }, path) as Json;
  if (!contentTypes.hasDraftAndPublish(walk.getModel(target) as never)) return inner;
  const { and, or, not } = walk.dialect;
  const operator = Object.keys(inner).find((key) => walk.dialect.isOperator(key) && ![and, or, not].includes(key));
  if (operator) {
    // `articles.$null` asks whether any row is joined at all, drafts included.
    throw new errors.ValidationError(`Invalid filter on ${path}: filter on one of its fields (${operator} applies to a field, not to the relation)`);
  }
  return { [and]: [inner, { publishedAt: { [walk.dialect.notNull]: true } }] };
};

/**
 * `filters` as the public may ask them: relations into Draft & Publish types see published
 * rows only, every operator has a value (not an object), and few relations are crossed.
 * Throws ValidationError (400) otherwise.
 */
export const publicFilters = (strapi: Core.Strapi, uid: string, filters: unknown, dialect: FilterDialect): unknown => {
  if (filters === undefined || filters === null) return filters;
  const walk: Walk = { getModel: (target) => strapi.getModel(target as never) as never, dialect, joins: 0 };
  return rewrite(walk, uid, filters, '');
};

const sortPaths = (sort: unknown): string[] => {
  if (typeof sort === 'string') return sort.split(',').map((entry) => entry.split(':')[0].trim());
  if (Array.isArray(sort)) return sort.flatMap(sortPaths);
  if (isObject(sort)) {
    return Object.entries(sort).flatMap(([key, value]) => (isObject(value) ? sortPaths(value).map((sub) => `${key}.${sub}`) : [key]));
  }
  return [];
};

/**
 * Sorting through a relation into a Draft & Publish type orders by joined drafts too
 * (`sections?sort=articles.title`): refused, 400.
 */
export const checkPublicSort = (strapi: Core.Strapi, uid: string, sort: unknown) => {
  for (const path of sortPaths(sort)) {
    let model = strapi.getModel(uid as never) as any;
    for (const key of path.split('.')) {
      const target = relationTarget(model?.attributes?.[key]);
      if (!target) break;
      model = strapi.getModel(target as never);
      if (contentTypes.hasDraftAndPublish(model)) {
        throw new errors.ValidationError(`Sorting by ${path} is not allowed: sort by a field of the type asked for`);
      }
    }
  }
};
