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
import { allKeys, expectRefused, getJson, request } from '../helpers/http';
import { ARTICLE, LINK, SECTION, SOURCE } from '../helpers/ingest';
import { countRows, snapshotContentRows } from '../helpers/rows';

const served = serveWithContentFixture();

const get = (path: string) => getJson(served.app.baseUrl, path);
const titles = (data: Array<{ title: string }>) => data.map((entry) => entry.title);
const sortedTitles = (data: Array<{ title: string }>) => titles(data).sort();

const PUBLISHED = [TITLES.bridge, TITLES.budget, TITLES.museum].sort();

describe('GET /api/articles', () => {
  it('lists the published articles only, with pagination meta', async () => {
    const { status, body } = await get('/api/articles');
    expect(status).toBe(200);
    expect(sortedTitles(body.data)).toEqual(PUBLISHED);
    expect(body.meta.pagination).toEqual({ page: 1, pageSize: 25, pageCount: 1, total: 3 });
    expect(body.data.every((article: { publishedAt: string | null }) => article.publishedAt !== null)).toBe(true);
  });

  it("shows the published version of an article whose draft moved on, and none of the draft's links", async () => {
    const { body } = await get(`/api/articles?filters[slug][$eq]=museum-opens-new-wing&populate=relatedLinks`);
    expect(body.data).toHaveLength(1);
    const [museum] = body.data;
    expect(museum.standfirst).toBe(MUSEUM_PUBLISHED_STANDFIRST);
    expect(titles(museum.relatedLinks)).toEqual([TITLES.bridge]);
    expect(JSON.stringify(body)).not.toContain(MUSEUM_DRAFT_STANDFIRST);
    expect(JSON.stringify(body)).not.toContain(MUSEUM_DRAFT_CARD);
  });

  it('pages and sorts by publicationDate', async () => {
    const descending = await get('/api/articles?sort=publicationDate:desc');
    expect(titles(descending.body.data)).toEqual([TITLES.bridge, TITLES.museum, TITLES.budget]);
    const ascending = await get('/api/articles?sort[0]=publicationDate:asc');
    expect(titles(ascending.body.data)).toEqual([TITLES.budget, TITLES.museum, TITLES.bridge]);

    const page = await get('/api/articles?sort=publicationDate:asc&pagination[page]=2&pagination[pageSize]=2');
    expect(titles(page.body.data)).toEqual([TITLES.bridge]);
    expect(page.body.meta.pagination).toEqual({ page: 2, pageSize: 2, pageCount: 2, total: 3 });
  });

  it('caps a page at the configured maxLimit of 100 rather than refusing it', async () => {
    const { status, body } = await get('/api/articles?pagination[pageSize]=1000');
    expect(status).toBe(200);
    expect(body.meta.pagination.pageSize).toBe(100);
  });

  it('filters by slug, by section slug and by source slug, never matching a draft', async () => {
    const bySlug = await get('/api/articles?filters[slug][$eq]=city-council-approves-budget');
    expect(titles(bySlug.body.data)).toEqual([TITLES.budget]);
    // The unpublished "orphan" is in WORLD and credits Reuters too.
    const bySection = await get('/api/articles?filters[section][slug][$eq]=world');
    expect(titles(bySection.body.data)).toEqual([TITLES.bridge]);
    const bySource = await get('/api/articles?filters[sources][slug][$eq]=reuters');
    expect(titles(bySource.body.data)).toEqual([TITLES.budget]);
    const draftSlug = await get('/api/articles?filters[slug][$eq]=unpublished-lighthouse-report');
    expect(draftSlug.body.data).toEqual([]);
    expect(draftSlug.body.meta.pagination.total).toBe(0);
  });

  it('populates section, sources, relatedLinks and their targets, with no draft as a target', async () => {
    const { status, body } = await get(
      '/api/articles?filters[slug][$eq]=harbour-bridge-reopens-after-repairs&populate[section]=true&populate[sources]=true&populate[relatedLinks][populate][target]=true'
    );
    expect(status).toBe(200);
    const [bridge] = body.data;
    expect(bridge.section).toMatchObject({ name: 'WORLD', slug: 'world' });
    expect(bridge.sources.map((source: { slug: string }) => source.slug).sort()).toEqual(['agencies', 'trt-world']);
    const byTitle = Object.fromEntries(bridge.relatedLinks.map((link: any) => [link.title, link]));
    expect(Object.keys(byTitle).sort()).toEqual([TITLES.budget, TITLES.tunnel].sort());
    expect(byTitle[TITLES.budget]).toMatchObject({ kind: 'recommended', position: 0, publisher: 'TRT World' });
    expect(byTitle[TITLES.budget].target).toMatchObject({ title: TITLES.budget, slug: 'city-council-approves-budget' });
    expect(byTitle[TITLES.budget].target.publishedAt).not.toBeNull();
    // The tunnel story is a draft: the link's text is the published page's, its target is not public.
    expect(byTitle[TITLES.tunnel].target).toBeNull();
  });

  it('finds one published article by documentId, and answers 404 for a draft', async () => {
    const museum = await get(`/api/articles/${served.fixture.ids.museum}`);
    expect(museum.status).toBe(200);
    expect(museum.body.data.standfirst).toBe(MUSEUM_PUBLISHED_STANDFIRST);
    for (const draft of [served.fixture.ids.tunnel, served.fixture.ids.orphan]) {
      const { status, body } = await get(`/api/articles/${draft}`);
      expect(status).toBe(404);
      expect(body.data).toBeNull();
    }
  });

  it('refuses ?status=draft on every type, which Strapi would otherwise answer with drafts', async () => {
    for (const path of [
      '/api/articles?status=draft',
      `/api/articles/${served.fixture.ids.tunnel}?status=draft`,
      '/api/sections?status=draft&populate=articles',
      '/api/sources?status=draft&populate=articles',
      '/api/related-links?status=draft&populate=article',
      `/api/related-links/${served.fixture.linkIds.orphan}?status=draft`,
    ]) {
      const { status, text } = await get(path);
      expect(status, path).toBe(403);
      expect(text, path).not.toContain(TITLES.tunnel);
      expect(text, path).not.toContain(TITLES.orphan);
      expect(text, path).not.toContain(MUSEUM_DRAFT_STANDFIRST);
    }
    expect((await get('/api/articles?status=published')).status).toBe(200);
  });
});

describe('GET /api/related-links', () => {
  it('lists only the links of published articles, as they are published', async () => {
    const { status, body } = await get('/api/related-links?populate[article][fields][0]=title&populate[target][fields][0]=title');
    expect(status).toBe(200);
    const shown = body.data.map((link: any) => [link.article.title, link.title]).sort();
    expect(shown).toEqual(
      [
        [TITLES.bridge, TITLES.budget],
        [TITLES.bridge, TITLES.tunnel],
        [TITLES.museum, TITLES.bridge],
      ].sort()
    );
    expect(body.meta.pagination.total).toBe(3);
    // The link to the draft tunnel story is listed, but its target is not.
    expect(body.data.find((link: any) => link.title === TITLES.tunnel).target).toBeNull();
  });

  it("keeps hiding a draft's links when the reader filters too", async () => {
    // The unpublished orphan has an explore link with this very title.
    const { body } = await get(`/api/related-links?filters[title][$eq]=${encodeURIComponent(TITLES.bridge)}&populate=article`);
    expect(body.data.map((link: any) => link.article.title)).toEqual([TITLES.museum]);
    const byArticle = await get(`/api/related-links?filters[article][documentId][$eq]=${served.fixture.ids.orphan}`);
    expect(byArticle.body.data).toEqual([]);
  });

  it("answers 404 for a link of a draft and for the draft's new card, 200 for a published one", async () => {
    for (const hidden of [served.fixture.linkIds.orphan, served.fixture.linkIds.museumDraftCard]) {
      const { status, body } = await get(`/api/related-links/${hidden}?populate=*`);
      expect(status).toBe(404);
      expect(body.data).toBeNull();
    }
    const shown = await get(`/api/related-links/${served.fixture.linkIds.museumPublished}?populate=article`);
    expect(shown.status).toBe(200);
    expect(shown.body.data.article.standfirst).toBe(MUSEUM_PUBLISHED_STANDFIRST);
  });
});

describe('GET /api/sections and /api/sources', () => {
  it('lists the sections a published article uses, each with its published articles only', async () => {
    const { status, body } = await get('/api/sections?sort=slug&populate[articles][fields][0]=title');
    expect(status).toBe(200);
    const bySlug = Object.fromEntries(body.data.map((section: any) => [section.slug, sortedTitles(section.articles)]));
    // Only a draft is filed under SECRET DESK: not listed. WORLD also holds the draft orphan.
    expect(bySlug).toEqual({
      'business-and-economy': [TITLES.budget],
      culture: [TITLES.museum],
      world: [TITLES.bridge],
    });
    const world = await get(`/api/sections/${served.fixture.sectionIds.world}?populate=articles`);
    expect(world.status).toBe(200);
    expect(titles(world.body.data.articles)).toEqual([TITLES.bridge]);
  });

  it('lists the sources a published article uses, each with its published articles only', async () => {
    const { body } = await get('/api/sources?populate[articles][fields][0]=title&filters[slug][$in][0]=aa&filters[slug][$in][1]=reuters&sort=slug');
    // AA is credited by the draft tunnel story only.
    expect(body.data.map((source: any) => [source.slug, sortedTitles(source.articles)])).toEqual([['reuters', [TITLES.budget]]]);
  });
});

describe('the private import state', () => {
  it('never appears in a response, however deep the populate', async () => {
    for (const path of [
      '/api/articles?populate=*',
      `/api/articles/${served.fixture.ids.bridge}?populate[relatedLinks][populate]=*&populate[section]=true&populate[sources]=true`,
      '/api/related-links?populate[article][populate][section]=true&populate[target][populate][section]=true',
      '/api/sections?populate[articles][populate][section]=true&populate[articles][populate][relatedLinks][count]=true',
      '/api/sources?populate[articles][populate][relatedLinks][count]=true',
    ]) {
      const { status, body } = await get(path);
      expect(status, path).toBe(200);
      expect(allKeys(body).has('importState'), path).toBe(false);
      expect(allKeys(body).has('importStamp'), path).toBe(false);
    }
  });

  it('cannot be filtered on, sorted by, selected or populated: 400, as for any private field', async () => {
    await expectRefused(get, [
      '/api/articles?filters[importState][$notNull]=true',
      '/api/articles?sort=importState',
      '/api/articles?fields[0]=importState',
      '/api/related-links?filters[article][importState][$null]=true',
      '/api/related-links?populate[article][fields][0]=importState',
      '/api/sections?populate[articles][filters][importState][$notNull]=true',
      '/api/sections?populate[articles][sort]=importState',
      '/api/articles?sort=relatedLinks.article.importState',
      '/api/articles?filters[importStamp][$notNull]=true',
      '/api/articles?fields[0]=importStamp',
      '/api/articles?sort=importStamp',
    ]);
  });
});

describe('text fields', () => {
  it('come back as the characters imported, markup included, as JSON', async () => {
    const { status, contentType, text, body } = await get(`/api/articles/${served.fixture.ids.budget}`);
    expect(status).toBe(200);
    expect(contentType).toMatch(/^application\/json/);
    expect(body.data.standfirst).toBe(SCRIPT_STANDFIRST);
    expect(body.data.body[0]).toEqual({ type: 'paragraph', children: [{ type: 'text', text: IMG_PARAGRAPH }] });
    expect(body.data.body[1].children[0].text).toBe('A second paragraph with <b>bold</b> tags & ampersands.');
    // Escaped as JSON strings are, and in no other way (no &lt;, no stripped tags).
    expect(text).toContain(JSON.stringify(SCRIPT_STANDFIRST));
    expect(text).not.toContain('&lt;');
  });
});

describe('anonymous writes', () => {
  const TYPES = [
    { path: 'articles', uid: ARTICLE, id: () => served.fixture.ids.bridge, data: { title: 'Hijacked', slug: 'hijacked', externalId: 'x' } },
    { path: 'sections', uid: SECTION, id: () => served.fixture.sectionIds.world, data: { name: 'HIJACKED', slug: 'hijacked' } },
    { path: 'sources', uid: SOURCE, id: () => served.fixture.sourceIds.reuters, data: { name: 'Hijacked', slug: 'hijacked' } },
    { path: 'related-links', uid: LINK, id: () => served.fixture.linkIds.museumPublished, data: { title: 'Hijacked', kind: 'explore', position: 9 } },
  ];

  it('are refused on every type (POST, PUT, DELETE), and no row changes', async () => {
    const before = await snapshotContentRows(served.app.strapi);
    for (const type of TYPES) {
      const attempts = [
        await request(served.app.baseUrl, 'POST', `/api/${type.path}`, { data: type.data }),
        await request(served.app.baseUrl, 'PUT', `/api/${type.path}/${type.id()}`, { data: type.data }),
        await request(served.app.baseUrl, 'DELETE', `/api/${type.path}/${type.id()}`),
      ];
      for (const attempt of attempts) {
        expect(attempt.status, `${type.path}: ${attempt.text}`).toBe(403);
        expect(attempt.body.data).toBeNull();
      }
    }
    expect(await snapshotContentRows(served.app.strapi)).toEqual(before);
  });

  it("cannot reach any of the ingest plugin's routes (an import trigger included)", async () => {
    const runsBefore = await countRows(served.app.strapi, 'plugin::ingest.import-run');
    const before = await snapshotContentRows(served.app.strapi);
    // Every route the plugin mounts, admin or content API, now or later: none may answer a visitor.
    const layers = served.app.strapi.server.listRoutes() as Array<{ path: string; methods: string[] }>;
    const routes = layers
      .filter((layer) => layer.path.includes('ingest'))
      .flatMap((layer) => layer.methods.filter((method) => method !== 'HEAD').map((method) => [method, layer.path.replace(/:\w+/g, '1')] as const));
    for (const [method, path] of routes) {
      const { status } = await request(served.app.baseUrl, method, path, method === 'GET' ? undefined : {});
      expect([401, 403], `${method} ${path}`).toContain(status);
    }
    expect(await countRows(served.app.strapi, 'plugin::ingest.import-run')).toBe(runsBefore);
    expect(await snapshotContentRows(served.app.strapi)).toEqual(before);
  });
});

describe('errors a reader sees', () => {
  it('a malformed filter is 400 naming the field, never 500', async () => {
    await expectRefused(
      get,
      [
      '/api/articles?filters[title][$eq][$ne]=x',
      '/api/articles?filters[title][$in][0][$eq]=x',
      '/api/sections?filters[articles][title][$containsi][$eq]=x',
      '/api/related-links?filters[position][$gt][a]=1',
      '/api/articles?filters[title][$and]=x',
      '/api/articles?filters[$and][0][title][$between][0][x]=1',
      ],
      /Invalid filter on (articles\.)?(title|position)|Invalid key \w+ at (title|position)/
    );
  });
});
