import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { REST_FILTERS } from './dialect';
import { CONTENT_API_LIMITS } from './limits';
import { checkPublicSort, publicFilters } from './public-filters';

type Json = Record<string, unknown>;
/** A populate in object form: attribute -> true, or its own query (fields, filters, sort, populate…). */
export type PopulateTree = Record<string, true | Json>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

const deepest = (depths: number[]) => depths.reduce((max, depth) => Math.max(max, depth), 0);

const isOff = (value: unknown) => value === undefined || value === null || value === false || value === 'false' || value === '';

/**
 * How many levels a REST `populate` reaches, counted without the schema: `section` is 1,
 * `relatedLinks.target.section` 3, `*` one level, `{ relatedLinks: { populate: { target: true } } }` 2,
 * `{ section: '*' }` 2.
 */
export const populateDepth = (populate: unknown): number => {
  if (isOff(populate)) return 0;
  if (typeof populate === 'string') return deepest(populate.split(',').map((part) => (part.trim() ? part.trim().split('.').length : 0)));
  if (Array.isArray(populate)) return deepest(populate.map(populateDepth));
  if (!isObject(populate)) return 1;
  return deepest(
    Object.entries(populate).map(([key, value]) => {
      if (isOff(value)) return 0;
      // `populate[section]=*` populates the section and everything it relates to.
      if (value === '*') return key.split('.').length + 1;
      if (!isObject(value)) return key.split('.').length;
      const fragments = isObject(value.on) ? Object.values(value.on).map((fragment) => (isObject(fragment) ? populateDepth(fragment.populate) : 0)) : [];
      return key.split('.').length + deepest([populateDepth(value.populate), ...fragments]);
    })
  );
};

/** Refuses, before any query runs, a populate deeper than the limit (400). */
export const checkPopulateDepth = (populate: unknown) => {
  const depth = populateDepth(populate);
  if (depth > CONTENT_API_LIMITS.populateDepth) {
    throw new errors.ValidationError(`populate reaches ${depth} levels deep; at most ${CONTENT_API_LIMITS.populateDepth} are served`);
  }
};

const POPULATABLE = new Set(['relation', 'component', 'dynamiczone', 'media']);

type Model = { attributes: Record<string, any> };

const modelOf = (strapi: Core.Strapi, uid: string) => strapi.getModel(uid as never) as unknown as Model | undefined;

const everything = (model: Model | undefined): PopulateTree =>
  Object.fromEntries(Object.entries(model?.attributes ?? {}).filter(([, attribute]) => POPULATABLE.has(attribute.type)).map(([name]) => [name, true]));

/** `a.b.c` as `{ a: { populate: { b: { populate: { c: true } } } } }`. */
const fromPath = (tree: PopulateTree, path: string[]) => {
  const [head, ...rest] = path;
  if (!head) return;
  if (rest.length === 0) {
    tree[head] ??= true;
    return;
  }
  const current = tree[head];
  const node: Json = isObject(current) ? current : {};
  const inner: PopulateTree = isObject(node.populate) ? (node.populate as PopulateTree) : {};
  fromPath(inner, rest);
  tree[head] = { ...node, populate: inner };
};

/** Any REST populate (string, list, object) in object form, one level; nested levels keep their shape. */
export const populateTree = (strapi: Core.Strapi, uid: string, populate: unknown): PopulateTree => {
  if (isOff(populate)) return {};
  const model = modelOf(strapi, uid);
  if (populate === '*' || populate === true || populate === 'true') return everything(model);
  if (typeof populate === 'string' || Array.isArray(populate)) {
    const tree: PopulateTree = {};
    const parts = (Array.isArray(populate) ? populate : [populate]).flatMap((entry) => String(entry).split(','));
    for (const part of parts.map((entry) => entry.trim()).filter(Boolean)) {
      if (part === '*') Object.assign(tree, { ...everything(model), ...tree });
      else fromPath(tree, part.split('.'));
    }
    return tree;
  }
  if (!isObject(populate)) return {};
  const tree: PopulateTree = {};
  for (const [key, value] of Object.entries(populate)) {
    if (isOff(value)) continue;
    if (key === '*') Object.assign(tree, { ...everything(model), ...tree });
    else tree[key] = isObject(value) ? value : value === '*' ? { populate: '*' } : true;
  }
  return tree;
};

export const isToMany = (strapi: Core.Strapi, uid: string, key: string) => {
  const attribute = modelOf(strapi, uid)?.attributes[key];
  return attribute?.type === 'relation' && String(attribute.relation).endsWith('Many');
};

const targetOf = (strapi: Core.Strapi, uid: string, key: string): string | null => {
  const attribute = modelOf(strapi, uid)?.attributes[key];
  return attribute?.type === 'relation' && typeof attribute.target === 'string' ? attribute.target : null;
};

const isCount = (node: true | Json) => node !== true && node.count !== undefined;

/** A to-many relation populated for a count only (`populate[articles][count]=true`) costs one grouped query. */
export const toManyKeys = (strapi: Core.Strapi, uid: string, tree: PopulateTree) =>
  Object.keys(tree).filter((key) => isToMany(strapi, uid, key) && !isCount(tree[key]));

/**
 * A populate as the public may have it, every level in object form: filters and sorts of
 * populated relations follow the rules of top-level ones (published rows only through
 * relations). A to-many relation is served at the first level only, where public-read.ts
 * caps it per entry; below, the rows of every entry of every level would add up (400).
 */
export const publicPopulate = (strapi: Core.Strapi, uid: string, populate: unknown, nested = false): PopulateTree => {
  const tree = populateTree(strapi, uid, populate);
  for (const [key, value] of Object.entries(tree)) {
    const target = targetOf(strapi, uid, key);
    if (!target) continue;
    if (nested && isToMany(strapi, uid, key) && !isCount(value)) {
      throw new errors.ValidationError(
        `populate: ${key} holds many entries and is served at the first level only; ask for it from its own endpoint, or populate its count`
      );
    }
    const node: Json = value === true ? {} : { ...value };
    if (node.filters !== undefined) node.filters = publicFilters(strapi, target, node.filters, REST_FILTERS);
    if (node.sort !== undefined) checkPublicSort(strapi, target, node.sort);
    if (node.populate !== undefined) node.populate = publicPopulate(strapi, target, node.populate, true);
    tree[key] = node;
  }
  return tree;
};

/** The relation's attribute on the other side (`section` for Section.articles), if any. */
export const inverseOf = (strapi: Core.Strapi, uid: string, key: string): { target: string; inverse: string } | null => {
  const attribute = modelOf(strapi, uid)?.attributes[key];
  const inverse = attribute?.mappedBy ?? attribute?.inversedBy;
  return attribute?.type === 'relation' && typeof attribute.target === 'string' && typeof inverse === 'string'
    ? { target: attribute.target, inverse }
    : null;
};
