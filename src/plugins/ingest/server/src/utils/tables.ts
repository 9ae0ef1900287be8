import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

/**
 * Plain knex on Strapi's tables, for the few bulk reads and writes the Query Engine does badly.
 * Table and column names come from the database metadata, never spelled by hand.
 */

/** An attribute's column name. */
export const columnOf = (strapi: Core.Strapi, uid: string, attribute: string): string =>
  (strapi.db.metadata.get(uid as never).attributes[attribute] as { columnName?: string }).columnName ?? attribute;

/** A query on `name`, in the configured schema (PostgreSQL), inside `trx` when given. */
export const tableQuery = (strapi: Core.Strapi, name: string, trx?: Knex | Knex.Transaction): Knex.QueryBuilder => {
  const schema = strapi.db.getSchemaName();
  const base = trx ?? strapi.db.connection;
  return schema ? base(name).withSchema(schema) : base(name);
};
