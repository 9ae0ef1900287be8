import type { Core } from '@strapi/strapi';
import { ARTICLE, LINK } from './ingest';

type Doc = Record<string, any>;

/** What the Document Service shows of every article's links and every link's relations. */
export const relationView = async (strapi: Core.Strapi) => {
  const articles = async (status: 'draft' | 'published') =>
    ((await strapi.documents(ARTICLE).findMany({
      status,
      sort: 'externalId',
      populate: { relatedLinks: { populate: { target: { fields: ['externalId'] } } } },
    } as never)) as Doc[]).map((article) => ({
      externalId: article.externalId,
      // In the order the Document Service returns them: the join table's order column.
      links: article.relatedLinks.map((link: Doc) => [link.kind, link.position, link.title, link.publisher, link.target?.externalId ?? null]),
    }));
  const links = ((await strapi.documents(LINK).findMany({
    populate: { article: { fields: ['externalId'] }, target: { fields: ['externalId'] } },
  } as never)) as Doc[])
    .map((link) => ({
      key: `${link.article?.externalId}/${link.kind}/${link.position}`,
      article: link.article?.externalId ?? null,
      target: link.target?.externalId ?? null,
      documentIdShape: /^[a-z0-9]{24}$/.test(link.documentId),
      published: link.publishedAt !== null,
      // Set by the Query Engine's timestamps lifecycle, which the importer's bulk insert runs too.
      stamped: typeof link.createdAt === 'string' && link.createdAt === link.updatedAt,
      locale: link.locale ?? null,
    }))
    .sort((a, b) => a.key.localeCompare(b.key));
  return { drafts: await articles('draft'), published: await articles('published'), links, rows: await joinRows(strapi) };
};

/** The link join tables' rows, ids replaced by `externalId:draft|published` and link keys. */
export const joinRows = async (strapi: Core.Strapi) => {
  const meta = strapi.db.metadata.get(LINK);
  const articleRows: Doc[] = await strapi.db.query(ARTICLE).findMany({ select: ['id', 'externalId', 'publishedAt'] });
  const version = new Map(articleRows.map((row) => [row.id, `${row.externalId}:${row.publishedAt ? 'published' : 'draft'}`]));
  const linkRows: Doc[] = await strapi.db.query(LINK).findMany({ select: ['id', 'kind', 'position'], populate: { article: { select: ['externalId'] } } });
  const linkKey = new Map(linkRows.map((row) => [row.id, `${row.article?.externalId}/${row.kind}/${row.position}`]));
  const read = async (attribute: 'article' | 'target') => {
    const join = (meta.attributes[attribute] as any).joinTable;
    const rows: Doc[] = await strapi.db.connection(join.name).select('*');
    return rows
      .map((row) =>
        [linkKey.get(row[join.joinColumn.name]), version.get(row[join.inverseJoinColumn.name]), ...(join.inverseOrderColumnName ? [row[join.inverseOrderColumnName]] : [])].join(' ')
      )
      .sort();
  };
  return { article: await read('article'), target: await read('target') };
};

