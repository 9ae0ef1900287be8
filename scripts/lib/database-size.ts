import type { Core } from '@strapi/strapi';

/**
 * The bytes the database holds now, as its own engine counts them, to measure what a run adds.
 * SQLite: used pages after the write-ahead log is folded in (free pages left out: the file does
 * not shrink, but a freed page is reused). PostgreSQL: the database's size on disk. MySQL: the
 * tables' data and index lengths (InnoDB's estimates, by pages).
 */
export const databaseBytes = async (strapi: Core.Strapi): Promise<number> => {
  const knex = strapi.db.connection;
  const client = strapi.db.dialect.client;
  if (client === 'sqlite') {
    await knex.raw('PRAGMA wal_checkpoint(TRUNCATE)');
    const value = async (pragma: string) => {
      const rows = (await knex.raw(`PRAGMA ${pragma}`)) as Array<Record<string, number>>;
      return Number(Object.values(rows[0])[0]);
    };
    return ((await value('page_count')) - (await value('freelist_count'))) * (await value('page_size'));
  }
  if (client === 'postgres') {
    const result = await knex.raw('SELECT pg_database_size(current_database()) AS size');
    return Number(result.rows[0].size);
  }
  const [rows] = await knex.raw('SELECT SUM(data_length + index_length) AS size FROM information_schema.tables WHERE table_schema = DATABASE()');
  return Number(rows[0].size);
};
