import type { Core } from '@strapi/strapi';
import { afterAll, beforeAll } from 'vitest';
import { makeCaptureDir, syntheticCapture, writeCapture } from './captures';
import type { ImportReport } from '../../src/plugins/ingest/server/src/services/report';
import { LINK, SECTION, SOURCE, runImport } from './ingest';
import { bootStrapi, type ServedTestApp } from './strapi';

/** Text that a browser would run if a site printed it unescaped. */
export const SCRIPT_STANDFIRST = 'Officials said <script>alert(1)</script> & "more" would follow.';
export const IMG_PARAGRAPH = 'The council met at <img src=x onerror=alert(document.cookie)> noon.';

export const TITLES = {
  bridge: 'Harbour bridge reopens after repairs',
  budget: 'City council approves budget',
  museum: 'Museum opens new wing',
  tunnel: 'Quiet tunnel plan kept under wraps',
  orphan: 'Unpublished lighthouse report',
} as const;

/** What the museum article's published version says, and what only its later draft says. */
export const MUSEUM_PUBLISHED_STANDFIRST = 'The museum opens a new wing for modern art.';
export const MUSEUM_DRAFT_STANDFIRST = 'DRAFT ONLY: the wing opening is postponed.';
export const MUSEUM_DRAFT_CARD = 'Draft only card about the postponement';

const museum = (standfirst: string, recommended: string[]) =>
  syntheticCapture({ title: TITLES.museum, date: '2025-05-02', section: 'CULTURE', source: 'TRT World', standfirst, recommended });

/**
 * Three published articles, two drafts that were never published, and one published article
 * whose capture later changed (so its draft moved on without being published):
 *
 * - bridge (published, 2025-05-03, WORLD, TRT World & Agencies): links to budget and to tunnel
 * - budget (published, 2025-05-01, BUSINESS & ECONOMY, Reuters): markup in its standfirst and body
 * - museum (published, 2025-05-02, CULTURE, TRT World): then a draft change to standfirst and links
 * - tunnel (draft, SECRET DESK, AA): its section and source have no published article
 * - orphan (draft, WORLD, Reuters): links to bridge
 */
export interface ContentFixture {
  reports: ImportReport[];
  /** Article documentIds by external id. */
  ids: Record<'bridge' | 'budget' | 'museum' | 'tunnel' | 'orphan', string>;
  linkIds: { orphan: string; museumPublished: string; museumDraftCard: string };
  sectionIds: { world: string };
  sourceIds: { reuters: string };
}

const documentIdOf = async (strapi: Core.Strapi, uid: string, where: Record<string, unknown>): Promise<string> => {
  const row = await strapi.db.query(uid).findOne({ where, select: ['documentId'] });
  if (!row) throw new Error(`fixture: no ${uid} where ${JSON.stringify(where)}`);
  return row.documentId;
};

export const importContentFixture = async (strapi: Core.Strapi): Promise<ContentFixture> => {
  const published = makeCaptureDir({
    'bridge.txt': syntheticCapture({
      title: TITLES.bridge,
      date: '2025-05-03',
      section: 'WORLD',
      recommended: [TITLES.budget],
      explore: [TITLES.tunnel],
    }),
    'budget.txt': syntheticCapture({
      title: TITLES.budget,
      date: '2025-05-01',
      section: 'BUSINESS & ECONOMY',
      source: 'Reuters',
      standfirst: SCRIPT_STANDFIRST,
      body: [IMG_PARAGRAPH, 'A second paragraph with <b>bold</b> tags & ampersands.'],
    }),
    'museum.txt': museum(MUSEUM_PUBLISHED_STANDFIRST, [TITLES.bridge]),
  });
  const first = await runImport(strapi, published, { publish: true });

  const drafts = makeCaptureDir({
    'tunnel.txt': syntheticCapture({ title: TITLES.tunnel, date: '2025-05-04', section: 'SECRET DESK', source: 'AA' }),
    'orphan.txt': syntheticCapture({ title: TITLES.orphan, date: '2025-05-05', section: 'WORLD', source: 'Reuters', explore: [TITLES.bridge] }),
  });
  const second = await runImport(strapi, drafts);

  writeCapture(published, 'museum.txt', museum(MUSEUM_DRAFT_STANDFIRST, [TITLES.bridge, MUSEUM_DRAFT_CARD]));
  const third = await runImport(strapi, published);

  const reports = [first, second, third];
  const ids = Object.fromEntries(second.items.concat(first.items).map((item) => [item.externalId, item.documentId]));
  for (const name of Object.keys(TITLES)) {
    if (!ids[name]) throw new Error(`fixture: ${name} was not imported (${JSON.stringify(reports.map((report) => report.items))})`);
  }
  if (third.items.find((item) => item.externalId === 'museum')?.outcome !== 'updated') throw new Error('fixture: museum draft did not move');

  return {
    reports,
    ids: ids as ContentFixture['ids'],
    linkIds: {
      orphan: await documentIdOf(strapi, LINK, { article: { documentId: ids.orphan } }),
      museumPublished: await documentIdOf(strapi, LINK, { title: TITLES.bridge, article: { documentId: ids.museum } }),
      museumDraftCard: await documentIdOf(strapi, LINK, { title: MUSEUM_DRAFT_CARD }),
    },
    sectionIds: { world: await documentIdOf(strapi, SECTION, { slug: 'world' }) },
    sourceIds: { reuters: await documentIdOf(strapi, SOURCE, { slug: 'reuters' }) },
  };
};

/**
 * For a test file: one served Strapi (REST and GraphQL over HTTP) with the content fixture
 * imported, booted before the file's tests and destroyed after them.
 */
export const serveWithContentFixture = () => {
  const served = {} as { app: ServedTestApp; fixture: ContentFixture };
  beforeAll(async () => {
    served.app = await bootStrapi({ serve: true });
    served.fixture = await importContentFixture(served.app.strapi);
  });
  afterAll(async () => {
    await served.app?.destroy();
  });
  return served;
};
