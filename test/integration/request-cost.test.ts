import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCaptureDir, syntheticCapture } from '../helpers/captures';
import { expectRefused, getJson, graphql, type HttpAnswer } from '../helpers/http';
import { runImport } from '../helpers/ingest';
import { bootStrapi, type ServedTestApp } from '../helpers/strapi';

/**
 * Every public request has a bounded cost: what could make the server work for minutes is
 * refused before any query runs, and populated relations hold a page of rows at most.
 */
let app: ServedTestApp;

const CROWDED = 105;
const LINKS = 105;

beforeAll(async () => {
  app = await bootStrapi({ serve: true });
  const files: Record<string, string> = {};
  for (let index = 0; index < CROWDED; index += 1) {
    const number = String(index).padStart(3, '0');
    files[`crowd-${number}.txt`] = syntheticCapture({ title: `Crowded story ${number}`, section: 'CROWDED', source: 'Reuters' });
  }
  files['linked.txt'] = syntheticCapture({
    title: 'A story with many cards',
    section: 'QUIET',
    explore: Array.from({ length: LINKS }, (_, index) => `Card number ${index}`),
  });
  files['plain.txt'] = syntheticCapture({ title: 'A plain story', section: 'QUIET', explore: ['Only card'] });
  const report = await runImport(app.strapi, makeCaptureDir(files), { publish: true });
  expect(report.counts.created).toBe(CROWDED + 2);
});

afterAll(async () => {
  await app?.destroy();
});

const get = (path: string) => getJson(app.baseUrl, path);

const CONTENT_TABLES = /\b(articles|sections|sources|related_links)\b/;

/**
 * Runs a request and counts the SQL statements on content tables the server ran meanwhile (the
 * work a refused request must not do; the public role's permissions, read for every request,
 * and Strapi's own background jobs are not counted).
 */
const countingQueries = async <T>(request: () => Promise<T>): Promise<{ answer: T; queries: number }> => {
  let queries = 0;
  const count = (query: { sql?: string }) => {
    if (CONTENT_TABLES.test(query.sql ?? '')) queries += 1;
  };
  const knex = app.strapi.db.connection;
  knex.on('query', count);
  try {
    const answer = await request();
    return { answer, queries };
  } finally {
    knex.off('query', count);
  }
};

/** A GET refused before any query runs: it asserts that none ran. */
const getRunningNoQuery = async (path: string): Promise<HttpAnswer> => {
  const { answer, queries } = await countingQueries(() => get(path));
  expect(queries, path).toBe(0);
  return answer;
};

describe('REST populate depth', () => {
  const deep = (levels: number) => Array.from({ length: levels }, (_, index) => (index % 2 === 0 ? 'relatedLinks' : 'article')).join('.');

  it('serves three levels, dotted or as objects', async () => {
    for (const path of [
      '/api/articles?populate=relatedLinks.target.section',
      '/api/articles?populate[relatedLinks][populate][target][populate][section]=true',
      '/api/articles?populate[section]=true&populate[relatedLinks][populate]=*',
      '/api/related-links?populate=article.section,target.section',
    ]) {
      expect((await get(path)).status, path).toBe(200);
    }
  });

  it('refuses four levels and more with 400, before running any query', async () => {
    await expectRefused(
      getRunningNoQuery,
      [
      `/api/articles?populate=${deep(4)}`,
      `/api/articles?populate=${deep(60)}`,
      `/api/articles?populate[0]=section&populate[1]=${deep(20)}`,
      '/api/articles?populate[relatedLinks][populate][target][populate][section][populate]=*',
      '/api/articles?populate[relatedLinks.target][populate][section][populate][articles]=true',
      `/api/articles/${'x'.repeat(24)}?populate=${deep(8)}`,
      ],
      /populate reaches \d+ levels deep; at most 3/
    );
  });

  it('refuses a to-many relation below the first level (its rows would multiply), but not its count', async () => {
    const refused = await get('/api/articles?populate[section][populate][articles]=true');
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/articles holds many entries/);
    const counted = await get('/api/articles?filters[slug][$eq]=a-plain-story&populate[section][populate][articles][count]=true');
    expect(counted.status).toBe(200);
    expect(counted.body.data[0].section.articles).toEqual({ count: 2 });
  });

  it('refuses a filter crossing more than four relations', async () => {
    await expectRefused(getRunningNoQuery, ['/api/sections?filters[articles][relatedLinks][target][section][articles][title][$eq]=x'], /at most 4 relations/);
  });
});

describe('REST populated to-many relations', () => {
  it("hold at most 100 rows per entry, each entry its own (a section's articles)", async () => {
    const { status, body } = await get('/api/sections?sort=slug&populate[articles][fields][0]=title');
    expect(status).toBe(200);
    const bySlug = Object.fromEntries(body.data.map((section: any) => [section.slug, section.articles.length]));
    expect(bySlug).toEqual({ crowded: 100, quiet: 2 });
  });

  it("hold at most 100 rows on one entry too (an article's links), the small ones whole", async () => {
    const list = await get('/api/articles?filters[section][slug][$eq]=quiet&sort=title&populate[relatedLinks][fields][0]=title');
    expect(list.body.data.map((article: any) => [article.title, article.relatedLinks.length])).toEqual([
      ['A plain story', 1],
      ['A story with many cards', 100],
    ]);
    const many = list.body.data[1];
    const one = await get(`/api/articles/${many.documentId}?populate=relatedLinks`);
    expect(one.body.data.relatedLinks).toHaveLength(100);
    const sources = await get('/api/sources?filters[slug][$eq]=reuters&populate[articles][filters][title][$startsWith]=Crowded');
    expect(sources.body.data[0].articles).toHaveLength(100);
  });

  it('keep their filters when capped', async () => {
    const { body } = await get('/api/sections?filters[slug][$eq]=crowded&populate[articles][filters][title][$endsWith]=7');
    expect(body.data[0].articles.map((article: { title: string }) => article.title).sort()).toEqual(
      ['007', '017', '027', '037', '047', '057', '067', '077', '087', '097'].map((number) => `Crowded story ${number}`)
    );
  });
});

describe('GraphQL request size', () => {
  const aliases = (count: number) => `{ ${Array.from({ length: count }, (_, index) => `a${index}: articles { title }`).join(' ')} }`;

  it('refuses 1,000 aliases with 400, before running any query', async () => {
    const { answer, queries } = await countingQueries(() => graphql(app.baseUrl, aliases(1000)));
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0].message).toMatch(/more than 200 fields/);
    expect(answer.body.data ?? null).toBeNull();
    expect(queries).toBe(0);
  });

  it('counts fields through fragments too', async () => {
    const fragment = `fragment Many on Article { ${Array.from({ length: 60 }, (_, index) => `f${index}: title`).join(' ')} }`;
    const text = `${fragment} { a: articles { ...Many } b: articles { ...Many } c: articles { ...Many } d: articles { ...Many } }`;
    const { answer, queries } = await countingQueries(() => graphql(app.baseUrl, text));
    expect(answer.status).toBe(400);
    expect(queries).toBe(0);
  });

  it('serves a normal page, a hundred aliases and the introspection query', async () => {
    const { answer: page, queries } = await countingQueries(() =>
      graphql(
        app.baseUrl,
        `{ articles(sort: "publicationDate:desc", pagination: { page: 1, pageSize: 10 }) { documentId title slug standfirst publicationDate section { name slug } sources { name slug } relatedLinks { kind position title target { slug } } } }`
      )
    );
    expect(page.status, page.text).toBe(200);
    // The counter sees the work a served request does.
    expect(queries).toBeGreaterThan(10);
    expect(page.body.data.articles).toHaveLength(10);
    const hundred = await graphql(app.baseUrl, aliases(100));
    expect(hundred.status, hundred.text.slice(0, 300)).toBe(200);
    const introspection = await graphql(app.baseUrl, getIntrospectionQuery());
    expect(introspection.status).toBe(200);
    expect(introspection.body.data.__schema.types.length).toBeGreaterThan(10);
  });
});
