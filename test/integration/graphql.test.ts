import { describe, expect, it } from 'vitest';
import {
  IMG_PARAGRAPH,
  MUSEUM_DRAFT_CARD,
  MUSEUM_DRAFT_STANDFIRST,
  MUSEUM_PUBLISHED_STANDFIRST,
  SCRIPT_STANDFIRST,
  TITLES,
  serveWithContentFixture,
} from '../helpers/content-fixture';
import { graphql } from '../helpers/http';
import { ARTICLE } from '../helpers/ingest';
import { snapshotContentRows } from '../helpers/rows';

const served = serveWithContentFixture();

const query = (text: string, variables?: Record<string, unknown>) => graphql(served.app.baseUrl, text, variables);

/** The data of a query that must succeed. */
const data = async (text: string, variables?: Record<string, unknown>) => {
  const answer = await query(text, variables);
  expect(answer.status, answer.text).toBe(200);
  expect(answer.body.errors, answer.text).toBeUndefined();
  return answer.body.data;
};

const titles = (entries: Array<{ title: string }>) => entries.map((entry) => entry.title);

describe('articles', () => {
  it('lists published articles only, sorted, with section, sources, links and their targets', async () => {
    const { articles } = await data(`{
      articles(sort: "publicationDate:desc") {
        documentId title slug standfirst publicationDate
        section { name slug }
        sources(sort: "slug") { slug }
        relatedLinks(sort: "title") { title kind position publisher target { title slug } }
      }
    }`);
    expect(titles(articles)).toEqual([TITLES.bridge, TITLES.museum, TITLES.budget]);
    const [bridge, museum] = articles;
    expect(bridge.section).toEqual({ name: 'WORLD', slug: 'world' });
    expect(bridge.sources).toEqual([{ slug: 'agencies' }, { slug: 'trt-world' }]);
    expect(bridge.relatedLinks).toEqual([
      { title: TITLES.budget, kind: 'recommended', position: 0, publisher: 'TRT World', target: { title: TITLES.budget, slug: 'city-council-approves-budget' } },
      // The tunnel story is a draft: no target.
      { title: TITLES.tunnel, kind: 'explore', position: 0, publisher: '', target: null },
    ]);
    expect(museum.standfirst).toBe(MUSEUM_PUBLISHED_STANDFIRST);
    expect(titles(museum.relatedLinks)).toEqual([TITLES.bridge]);
  });

  it('filters by slug, section slug and source slug, and pages', async () => {
    const result = await data(`{
      bySlug: articles(filters: { slug: { eq: "city-council-approves-budget" } }) { title }
      bySection: articles(filters: { section: { slug: { eq: "world" } } }) { title }
      bySource: articles(filters: { sources: { slug: { eq: "reuters" } } }) { title }
      draft: articles(filters: { slug: { eq: "unpublished-lighthouse-report" } }) { title }
      page: articles(sort: "publicationDate:asc", pagination: { page: 2, pageSize: 2 }) { title }
      articles_connection { pageInfo { total page pageSize pageCount } }
    }`);
    expect(titles(result.bySlug)).toEqual([TITLES.budget]);
    expect(titles(result.bySection)).toEqual([TITLES.bridge]);
    expect(titles(result.bySource)).toEqual([TITLES.budget]);
    expect(result.draft).toEqual([]);
    expect(titles(result.page)).toEqual([TITLES.bridge]);
    expect(result.articles_connection.pageInfo).toEqual({ total: 3, page: 1, pageSize: 25, pageCount: 1 });
  });

  it('finds one published article by documentId, and nothing for a draft', async () => {
    const result = await data(
      `query ($museum: ID!, $tunnel: ID!) {
        museum: article(documentId: $museum) { standfirst relatedLinks { title } }
        tunnel: article(documentId: $tunnel) { title }
      }`,
      { museum: served.fixture.ids.museum, tunnel: served.fixture.ids.tunnel }
    );
    expect(result.museum).toEqual({ standfirst: MUSEUM_PUBLISHED_STANDFIRST, relatedLinks: [{ title: TITLES.bridge }] });
    expect(result.tunnel).toBeNull();
  });

  it('refuses status: DRAFT on every root query, which would otherwise return drafts', async () => {
    for (const text of [
      '{ articles(status: DRAFT) { title standfirst } }',
      '{ articles_connection(status: DRAFT) { nodes { title } } }',
      `{ article(documentId: "${served.fixture.ids.tunnel}", status: DRAFT) { title } }`,
      '{ sections(status: DRAFT) { articles { title } } }',
      '{ sources(status: DRAFT) { articles { title } } }',
      '{ relatedLinks(status: DRAFT) { title article { standfirst } } }',
      `{ relatedLink(documentId: "${served.fixture.linkIds.orphan}", status: DRAFT) { title } }`,
    ]) {
      const { body, text: raw } = await query(text);
      expect(body.errors?.[0]?.extensions?.code, text).toBe('FORBIDDEN');
      expect(raw).not.toContain(TITLES.tunnel);
      expect(raw).not.toContain(TITLES.orphan);
      expect(raw).not.toContain(MUSEUM_DRAFT_STANDFIRST);
    }
    expect(titles((await data('{ articles(status: PUBLISHED) { title } }')).articles).sort()).toEqual(
      [TITLES.bridge, TITLES.budget, TITLES.museum].sort()
    );
  });

  it('returns text fields as the characters imported, markup included', async () => {
    const { article } = await data(`{ article(documentId: "${served.fixture.ids.budget}") { standfirst body } }`);
    expect(article.standfirst).toBe(SCRIPT_STANDFIRST);
    expect(article.body[0]).toEqual({ type: 'paragraph', children: [{ type: 'text', text: IMG_PARAGRAPH }] });
  });
});

describe('related links', () => {
  it('lists only links of published articles, also when filtered', async () => {
    const result = await data(`{
      relatedLinks { title article { title standfirst } }
      relatedLinks_connection { pageInfo { total } }
      sameTitle: relatedLinks(filters: { title: { eq: "${TITLES.bridge}" } }) { article { title } }
    }`);
    expect(result.relatedLinks.map((link: any) => [link.article.title, link.title]).sort()).toEqual(
      [
        [TITLES.bridge, TITLES.budget],
        [TITLES.bridge, TITLES.tunnel],
        [TITLES.museum, TITLES.bridge],
      ].sort()
    );
    expect(JSON.stringify(result)).not.toContain(MUSEUM_DRAFT_CARD);
    expect(JSON.stringify(result)).not.toContain(MUSEUM_DRAFT_STANDFIRST);
    expect(result.relatedLinks_connection.pageInfo.total).toBe(3);
    // The unpublished orphan has an explore link with the same title.
    expect(result.sameTitle).toEqual([{ article: { title: TITLES.museum } }]);
  });

  it("finds nothing for a link of a draft, or for a published article's draft-only card", async () => {
    const result = await data(
      `query ($orphan: ID!, $card: ID!, $shown: ID!) {
        orphan: relatedLink(documentId: $orphan) { title }
        card: relatedLink(documentId: $card) { title }
        shown: relatedLink(documentId: $shown) { title article { title } }
      }`,
      { orphan: served.fixture.linkIds.orphan, card: served.fixture.linkIds.museumDraftCard, shown: served.fixture.linkIds.museumPublished }
    );
    expect(result.orphan).toBeNull();
    expect(result.card).toBeNull();
    expect(result.shown).toEqual({ title: TITLES.bridge, article: { title: TITLES.museum } });
  });
});

describe('sections and sources', () => {
  it('are listed when a published article uses them, with their published articles only', async () => {
    const result = await data(`{
      sections(sort: "slug") { slug articles { title } }
      sources(filters: { slug: { in: ["aa", "reuters"] } }, sort: "slug") { slug articles { title } }
    }`);
    // SECRET DESK and AA are used by the draft tunnel story only.
    expect(result.sections.map((section: any) => [section.slug, titles(section.articles)])).toEqual([
      ['business-and-economy', [TITLES.budget]],
      ['culture', [TITLES.museum]],
      ['world', [TITLES.bridge]],
    ]);
    expect(result.sources.map((source: any) => [source.slug, titles(source.articles)])).toEqual([['reuters', [TITLES.budget]]]);
  });
});

describe('the schema', () => {
  const typeFields = async (name: string) => {
    const { __type } = await data(`{ __type(name: "${name}") { fields { name } inputFields { name } } }`);
    return __type ? [...(__type.fields ?? []), ...(__type.inputFields ?? [])].map((field: { name: string }) => field.name) : null;
  };

  it.each(['importState', 'importStamp'])('has no %s: not on Article, not in its filters, not selectable, filterable or sortable', async (field) => {
    expect(await typeFields('Article')).toContain('standfirst');
    expect(await typeFields('Article')).not.toContain(field);
    expect(await typeFields('ArticleFiltersInput')).toContain('slug');
    expect(await typeFields('ArticleFiltersInput')).not.toContain(field);
    expect(await typeFields('ArticleInput')).not.toContain(field);

    for (const text of [`{ articles { ${field} } }`, `{ articles(filters: { ${field}: { notNull: true } }) { title } }`]) {
      const { status, body } = await query(text);
      expect(status, text).toBe(400);
      expect(body.errors[0].extensions.code, text).toBe('GRAPHQL_VALIDATION_FAILED');
    }
    const sorted = await query(`{ articles(sort: "${field}") { title } }`);
    expect(sorted.body.data?.articles ?? null).toBeNull();
    expect(sorted.body.errors[0].message).toMatch(new RegExp(field));
  });

  it("has none of the ingest plugin's types (import runs, the import lock)", async () => {
    expect(await typeFields('Article')).not.toBeNull();
    expect(await typeFields('IngestImportRun')).toBeNull();
    expect(await typeFields('IngestImportLock')).toBeNull();
    const { __schema } = await data('{ __schema { queryType { fields { name } } mutationType { fields { name } } } }');
    const names = [...__schema.queryType.fields, ...__schema.mutationType.fields].map((field: { name: string }) => field.name);
    expect(names).toContain('articles');
    expect(names.filter((name) => /import/i.test(name))).toEqual([]);
  });
});

describe('limits', () => {
  /** `articles { relatedLinks { article { … } } }` with the innermost field `levels` deep (top level is 0). */
  const nested = (levels: number) => {
    let selection = 'title';
    for (let level = levels - 1; level >= 1; level -= 1) {
      selection = `${level % 2 === 1 ? 'relatedLinks' : 'article'} { ${selection} }`;
    }
    return `{ articles { ${selection} } }`;
  };

  it('answers a query 7 levels deep and refuses one 8 levels deep', async () => {
    const atLimit = await data(nested(7));
    expect(atLimit.articles).toHaveLength(3);

    const tooDeep = await query(nested(8));
    expect(tooDeep.status).toBe(400);
    expect(tooDeep.body.data ?? null).toBeNull();
    expect(tooDeep.body.errors[0].message).toMatch(/exceeds maximum operation depth of 7/);
  });

  it('serves 25 rows by default and clamps a larger page to maxLimit 100 (it does not refuse it)', async () => {
    // Published rows written in one statement: a slower loop lets the client's kept-alive connection expire.
    const now = new Date();
    await served.app.strapi.db.query(ARTICLE).createMany({
      data: Array.from({ length: 110 }, (_, index) => ({
        documentId: `filler${String(index).padStart(3, '0')}`.padEnd(24, 'x'),
        title: `Filler ${index}`,
        slug: `filler-${index}`,
        externalId: `filler-${index}`,
        publishedAt: now,
      })),
    });
    const result = await data(`{
      defaults: articles { slug }
      paged: articles(pagination: { pageSize: 150 }) { slug }
      limited: articles(pagination: { limit: 150 }) { slug }
      articles_connection(pagination: { pageSize: 150 }) { pageInfo { total pageSize pageCount } }
    }`);
    expect(result.defaults).toHaveLength(25);
    expect(result.paged).toHaveLength(100);
    expect(result.limited).toHaveLength(100);
    expect(result.articles_connection.pageInfo).toEqual({ total: 113, pageSize: 100, pageCount: 2 });
  });
});

describe('mutations', () => {
  it('are refused to anonymous callers on every type, and no row changes', async () => {
    const before = await snapshotContentRows(served.app.strapi);
    for (const text of [
      'mutation { createArticle(data: { title: "Hijacked", slug: "hijacked", externalId: "x" }) { documentId } }',
      `mutation { updateArticle(documentId: "${served.fixture.ids.bridge}", data: { title: "Hijacked" }) { documentId } }`,
      `mutation { deleteArticle(documentId: "${served.fixture.ids.bridge}") { documentId } }`,
      'mutation { createSection(data: { name: "HIJACKED", slug: "hijacked" }) { documentId } }',
      `mutation { updateSection(documentId: "${served.fixture.sectionIds.world}", data: { name: "HIJACKED" }) { documentId } }`,
      `mutation { deleteSection(documentId: "${served.fixture.sectionIds.world}") { documentId } }`,
      'mutation { createSource(data: { name: "Hijacked", slug: "hijacked" }) { documentId } }',
      `mutation { updateSource(documentId: "${served.fixture.sourceIds.reuters}", data: { name: "Hijacked" }) { documentId } }`,
      `mutation { deleteSource(documentId: "${served.fixture.sourceIds.reuters}") { documentId } }`,
      'mutation { createRelatedLink(data: { title: "Hijacked", kind: explore, position: 9 }) { documentId } }',
      `mutation { updateRelatedLink(documentId: "${served.fixture.linkIds.museumPublished}", data: { title: "Hijacked" }) { documentId } }`,
      `mutation { deleteRelatedLink(documentId: "${served.fixture.linkIds.museumPublished}") { documentId } }`,
    ]) {
      const { body, text: raw } = await query(text);
      expect(body.errors?.[0]?.extensions?.code, raw).toBe('FORBIDDEN');
      expect(Object.values(body.data ?? {}).every((value) => value === null), raw).toBe(true);
    }
    expect(await snapshotContentRows(served.app.strapi)).toEqual(before);
  });
});

describe('errors', () => {
  it('carry no stack trace or file path, in development too', async () => {
    expect(process.env.NODE_ENV ?? 'development').not.toBe('production');
    for (const text of [
      '{ articles { nope } }',
      '{ articles(sort: "nope") { title } }',
      '{ articles(status: DRAFT) { title } }',
      '{ articles(filters: { body: { eq: { ne: "x" } } }) { title } }',
      '{ articles(filters: { title: { eq: { ne: "x" } } }) { title } }',
      'mutation { deleteArticle(documentId: "x") { documentId } }',
      '{ articles {',
    ]) {
      const { body, text: raw } = await query(text);
      expect(body.errors?.length, text).toBeGreaterThan(0);
      for (const error of body.errors) expect(Object.keys(error.extensions ?? {}), text).not.toContain('stacktrace');
      expect(raw, text).not.toMatch(/node_modules|\/work\/|\.js:\d+|select /i);
    }
  });

  it('name the bad input of a malformed filter (BAD_USER_INPUT), not a database error', async () => {
    const { body, text } = await query('{ articles(filters: { body: { eq: { ne: "x" } } }) { title } }');
    expect(body.errors[0].extensions.code, text).toBe('BAD_USER_INPUT');
    expect(body.errors[0].message).toBe('Invalid filter on body: eq takes a value, not an object');
  });
});

describe('accounts', () => {
  const USER = 'plugin::users-permissions.user';

  it('cannot be created, logged into or reset by anonymous callers: every users-permissions mutation is FORBIDDEN', async () => {
    const usersBefore = await served.app.strapi.db.query(USER).count();
    for (const text of [
      'mutation { register(input: { username: "reader1", email: "reader1@example.com", password: "Passw0rd!x" }) { jwt user { id } } }',
      'mutation { login(input: { identifier: "reader1@example.com", password: "Passw0rd!x" }) { jwt } }',
      'mutation { forgotPassword(email: "reader1@example.com") { ok } }',
      'mutation { resetPassword(password: "Passw0rd!y", passwordConfirmation: "Passw0rd!y", code: "x") { jwt } }',
      'mutation { changePassword(currentPassword: "a", password: "Passw0rd!y", passwordConfirmation: "Passw0rd!y") { jwt } }',
      'mutation { emailConfirmation(confirmation: "x") { jwt } }',
      'mutation { createUsersPermissionsUser(data: { username: "reader2", email: "reader2@example.com", password: "Passw0rd!x" }) { data { documentId } } }',
    ]) {
      const { body, text: raw } = await query(text);
      expect(body.errors?.[0]?.extensions?.code, raw).toBe('FORBIDDEN');
      expect(raw).not.toContain('jwt":"');
    }
    expect(await served.app.strapi.db.query(USER).count()).toBe(usersBefore);
    expect(usersBefore).toBe(0);
  });

  it('registration is off in the users-permissions settings, and its REST route refused', async () => {
    const advanced = (await served.app.strapi.store({ type: 'plugin', name: 'users-permissions', key: 'advanced' }).get()) as Record<string, unknown>;
    expect(advanced.allow_register).toBe(false);
    const { request } = await import('../helpers/http');
    const rest = await request(served.app.baseUrl, 'POST', '/api/auth/local/register', { username: 'reader3', email: 'reader3@example.com', password: 'Passw0rd!x' });
    expect([403, 405]).toContain(rest.status);
    expect(await served.app.strapi.db.query(USER).count()).toBe(0);
  });
});
