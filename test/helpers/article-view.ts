import type { Core } from '@strapi/strapi';
import { ARTICLE, LINK, SECTION, SOURCE } from './ingest';

type Row = Record<string, unknown>;
const VARYING = new Set(['id', 'document_id', 'created_at', 'updated_at', 'import_state']);

/** An article's own columns (ids and times left out) and its section and sources join rows, ids replaced by names. */
export const storedRows = async (strapi: Core.Strapi, externalId: string) => {
  const meta = strapi.db.metadata.get(ARTICLE);
  const [article] = (await strapi.db.connection(meta.tableName).select('*').where({ external_id: externalId })) as Row[];
  const own = Object.fromEntries(Object.entries(article).filter(([column]) => !VARYING.has(column)));
  const joins: Record<string, Array<[unknown, number | null, number | null]>> = {};
  for (const [attribute, uid] of [['section', SECTION], ['sources', SOURCE]] as const) {
    const join = (meta.attributes[attribute] as any).joinTable;
    const names = new Map(((await strapi.db.query(uid).findMany({ select: ['id', 'name'] })) as Row[]).map((row) => [row.id, row.name]));
    const rows = (await strapi.db.connection(join.name).select('*').where(join.joinColumn.name, article.id as number)) as Row[];
    joins[attribute] = rows
      .map((row): [unknown, number | null, number | null] => [
        names.get(row[join.inverseJoinColumn.name]),
        join.orderColumnName ? Number(row[join.orderColumnName]) : null,
        join.inverseOrderColumnName ? Number(row[join.inverseOrderColumnName]) : null,
      ])
      .sort();
  }
  return { own: { ...own, body: typeof own.body === 'string' ? JSON.parse(own.body) : own.body }, joins };
};

/** Deletes every article, link, section and source through the Document Service. */
export const wipeContent = async (strapi: Core.Strapi) => {
  for (const uid of [LINK, ARTICLE, SECTION, SOURCE] as const) {
    for (const { documentId } of (await strapi.documents(uid).findMany({ fields: ['documentId'] } as never)) as Row[]) {
      await strapi.documents(uid).delete({ documentId } as never);
    }
  }
};

