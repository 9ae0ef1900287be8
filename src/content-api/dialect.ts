/**
 * REST (and the Document Service) spell filter operators `$and`, `$notNull`…; GraphQL inputs
 * spell them without the dollar. The content API's filter rules are written once for both.
 */
export interface FilterDialect {
  and: string;
  or: string;
  not: string;
  notNull: string;
  /** Whether a key of a filter object is an operator rather than an attribute name. */
  isOperator(key: string): boolean;
}

const GRAPHQL_OPERATORS = new Set([
  'and', 'or', 'not', 'eq', 'eqi', 'ne', 'nei', 'lt', 'lte', 'gt', 'gte', 'in', 'notIn', 'contains', 'notContains',
  'containsi', 'notContainsi', 'null', 'notNull', 'between', 'startsWith', 'startsWithi', 'endsWith', 'endsWithi',
]);

export const REST_FILTERS: FilterDialect = {
  and: '$and',
  or: '$or',
  not: '$not',
  notNull: '$notNull',
  isOperator: (key) => key.startsWith('$'),
};

export const GRAPHQL_FILTERS: FilterDialect = {
  and: 'and',
  or: 'or',
  not: 'not',
  notNull: 'notNull',
  isOperator: (key) => GRAPHQL_OPERATORS.has(key),
};
