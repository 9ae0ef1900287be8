import type { Core } from '@strapi/strapi';

const CONTENT_UIDS = ['api::article.article', 'api::section.section', 'api::source.source', 'api::related-link.related-link'];

/**
 * Every row of the content tables and their join tables, as stored: two snapshots are equal
 * only if no row was written in between (updated_at included).
 */
export const snapshotContentRows = async (strapi: Core.Strapi) => {
  const tables = new Set<string>();
  for (const uid of CONTENT_UIDS) {
    const meta = strapi.db.metadata.get(uid);
    tables.add(meta.tableName);
    for (const attribute of Object.values(meta.attributes) as Array<{ joinTable?: { name: string } }>) {
      if (attribute.joinTable) tables.add(attribute.joinTable.name);
    }
  }
  const snapshot: Record<string, unknown[]> = {};
  for (const table of [...tables].sort()) {
    snapshot[table] = await strapi.db.connection(table).select('*').orderBy('id');
  }
  return snapshot;
};

export const countRows = async (strapi: Core.Strapi, uid: string) => strapi.db.query(uid).count({});
