import { describe, expect, it } from 'vitest';
import { MUSEUM_DRAFT_CARD, TITLES, serveWithContentFixture } from '../helpers/content-fixture';
import { expectRefused, getJson, graphql } from '../helpers/http';

/**
 * An anonymous reader must learn nothing of unpublished text through filters: a search for a
 * word only drafts hold answers exactly as a search for a word no article holds.
 */
const served = serveWithContentFixture();

const get = (path: string) => getJson(served.app.baseUrl, path);
const query = (text: string) => graphql(served.app.baseUrl, text);

/** Words found in unpublished content only, and one found nowhere. */
const DRAFT_WORDS = {
  // The title of the never-published tunnel story (section SECRET DESK, source AA).
  draftTitle: 'tunnel',
  // The unpublished standfirst change of the published museum story ("…is postponed").
  draftChange: 'postponed',
  // A related card only the museum story's unpublished draft has.
  draftCard: MUSEUM_DRAFT_CARD.split(' ').slice(-1)[0],
};
const NONSENSE = 'qzxwvkjq';

const REST_PROBES: Array<[string, (word: string) => string]> = [
  ['sections by their articles', (word) => `/api/sections?filters[articles][title][$containsi]=${word}`],
  ['sections by their articles (standfirst)', (word) => `/api/sections?filters[articles][standfirst][$containsi]=${word}`],
  ['sources by their articles', (word) => `/api/sources?filters[articles][title][$containsi]=${word}`],
  ['sources by their articles, under $or', (word) => `/api/sources?filters[$or][0][articles][standfirst][$containsi]=${word}&filters[$or][1][slug][$eq]=none`],
  ['articles by their section', (word) => `/api/articles?filters[section][articles][title][$containsi]=${word}`],
  ['articles by their sources', (word) => `/api/articles?filters[sources][articles][standfirst][$containsi]=${word}`],
  ['articles by their links', (word) => `/api/articles?filters[relatedLinks][target][title][$containsi]=${word}`],
  ['links by their target', (word) => `/api/related-links?filters[target][title][$containsi]=${word}`],
  ['links by their article', (word) => `/api/related-links?filters[article][standfirst][$containsi]=${word}`],
  ['links by their article, sideways', (word) => `/api/related-links?filters[article][section][articles][standfirst][$containsi]=${word}`],
  ['a populated relation filtered through articles', (word) => `/api/sections?populate[articles][filters][section][articles][title][$containsi]=${word}`],
  ['one section by its articles', (word) => `/api/sections/${served.fixture.sectionIds.world}?filters[articles][title][$containsi]=${word}`],
];

const GRAPHQL_PROBES: Array<[string, (word: string) => string]> = [
  ['sections by their articles', (word) => `{ sections(filters: { articles: { title: { containsi: "${word}" } } }) { slug } }`],
  ['sources by their articles', (word) => `{ sources(filters: { articles: { standfirst: { containsi: "${word}" } } }) { slug } }`],
  ['articles by their section', (word) => `{ articles(filters: { section: { articles: { title: { containsi: "${word}" } } } }) { title } }`],
  ['articles by their links', (word) => `{ articles(filters: { relatedLinks: { target: { title: { containsi: "${word}" } } } }) { title } }`],
  ['links by their target', (word) => `{ relatedLinks(filters: { target: { title: { containsi: "${word}" } } }) { title } }`],
  ['links by their article', (word) => `{ relatedLinks(filters: { article: { standfirst: { containsi: "${word}" } } }) { title } }`],
  ['a count', (word) => `{ sections_connection(filters: { or: [{ articles: { title: { containsi: "${word}" } } }] }) { pageInfo { total } } }`],
  ['a relation field', (word) => `{ sections { slug articles(filters: { section: { articles: { title: { containsi: "${word}" } } } }) { title } } }`],
  ['a relation field of a link', (word) => `{ articles { relatedLinks(filters: { target: { standfirst: { containsi: "${word}" } } }) { title } } }`],
];

/** What an answer says, with the documentIds that differ between the two probes' data left in. */
const rendering = (answer: { status: number; text: string }) => `${answer.status} ${answer.text}`;

describe('REST: filters through relations', () => {
  it.each(REST_PROBES)('%s: a draft-only word answers as a nonsense word does', async (_name, path) => {
    for (const word of Object.values(DRAFT_WORDS)) {
      const drafted = await get(path(word));
      const nowhere = await get(path(NONSENSE));
      expect([200, 404], drafted.text).toContain(drafted.status);
      expect(rendering(drafted), `${path(word)}`).toBe(rendering(nowhere));
    }
  });

  it('still find what published articles say', async () => {
    const sections = await get('/api/sections?filters[articles][title][$containsi]=bridge');
    expect(sections.body.data.map((section: { slug: string }) => section.slug)).toEqual(['world']);
    const links = await get('/api/related-links?filters[target][title][$containsi]=budget');
    expect(links.body.data.map((link: { title: string }) => link.title)).toEqual([TITLES.budget]);
    const articles = await get('/api/articles?filters[section][articles][title][$containsi]=bridge');
    expect(articles.body.data.map((article: { title: string }) => article.title)).toEqual([TITLES.bridge]);
  });

  it('refuses sorting through a relation into articles, and an operator on the relation itself (400)', async () => {
    await expectRefused(get, [
      '/api/sections?sort=articles.title',
      '/api/sources?sort[0]=articles.standfirst:desc',
      '/api/related-links?sort=target.title',
      '/api/sections?populate[articles][sort]=section.articles.title',
      '/api/sections?filters[articles][$null]=true',
      '/api/sections?filters[articles][$notNull]=true',
    ]);
    expect((await get('/api/articles?sort=section.name')).status).toBe(200);
  });

  it('does not list or find a section or source only drafts use', async () => {
    const sections = await get('/api/sections?pagination[pageSize]=100');
    expect(sections.body.data.map((section: { slug: string }) => section.slug)).not.toContain('secret-desk');
    expect(sections.body.meta.pagination.total).toBe(3);
    const secretDesk = await served.app.strapi.db.query('api::section.section').findOne({ where: { slug: 'secret-desk' } });
    expect((await get(`/api/sections/${secretDesk.documentId}`)).status).toBe(404);
    expect((await get('/api/sources?filters[slug][$eq]=aa')).body.data).toEqual([]);
  });

  it('refuses publicationFilter and hasPublishedVersion (403)', async () => {
    for (const path of [
      '/api/articles?publicationFilter=modified',
      '/api/articles?publicationFilter=has-published-version',
      '/api/articles?hasPublishedVersion=true',
      '/api/sections?hasPublishedVersion=false&populate=articles',
      `/api/articles/${served.fixture.ids.museum}?publicationFilter=published-with-draft`,
    ]) {
      const { status, text } = await get(path);
      expect(status, path).toBe(403);
      expect(text, path).not.toContain(TITLES.museum);
    }
  });
});

describe('GraphQL: filters through relations', () => {
  it.each(GRAPHQL_PROBES)('%s: a draft-only word answers as a nonsense word does', async (_name, text) => {
    for (const word of Object.values(DRAFT_WORDS)) {
      const drafted = await query(text(word));
      const nowhere = await query(text(NONSENSE));
      expect(drafted.body.errors, drafted.text).toBeUndefined();
      expect(rendering(drafted), text(word)).toBe(rendering(nowhere));
    }
  });

  it('still find what published articles say', async () => {
    const answer = await query('{ sections(filters: { articles: { title: { containsi: "bridge" } } }) { slug } }');
    expect(answer.body.data.sections).toEqual([{ slug: 'world' }]);
  });

  it('does not list or find a section or source only drafts use', async () => {
    const secretDesk = await served.app.strapi.db.query('api::section.section').findOne({ where: { slug: 'secret-desk' } });
    const { body } = await query(`{
      sections(pagination: { pageSize: 100 }) { slug }
      sections_connection { pageInfo { total } }
      section(documentId: "${secretDesk.documentId}") { slug }
      sources(filters: { slug: { eq: "aa" } }) { slug }
    }`);
    expect(body.data.sections.map((section: { slug: string }) => section.slug)).not.toContain('secret-desk');
    expect(body.data.sections_connection.pageInfo.total).toBe(3);
    expect(body.data.section).toBeNull();
    expect(body.data.sources).toEqual([]);
  });

  it('refuses publicationFilter, hasPublishedVersion and sorting through articles', async () => {
    for (const [text, code] of [
      ['{ articles(publicationFilter: MODIFIED) { title } }', 'FORBIDDEN'],
      ['{ articles_connection(hasPublishedVersion: true) { nodes { title } } }', 'FORBIDDEN'],
      ['{ sections(sort: "articles.title") { slug } }', 'BAD_USER_INPUT'],
      ['{ sections { articles(sort: "section.articles.title") { title } } }', 'BAD_USER_INPUT'],
    ]) {
      const { body, text: raw } = await query(text);
      expect(body.errors?.[0]?.extensions?.code, raw).toBe(code);
      expect(raw).not.toContain(TITLES.museum);
    }
  });
});
