import type { Core } from '@strapi/strapi';
import type { RunOptions } from '../../src/plugins/ingest/server/src/services/importer';
import type { ImportReport, ReportItem } from '../../src/plugins/ingest/server/src/services/report';
import { folderSource } from '../../src/plugins/ingest/server/src/sources';
import { getService } from '../../src/plugins/ingest/server/src/utils';

export const ARTICLE = 'api::article.article';
export const SECTION = 'api::section.section';
export const SOURCE = 'api::source.source';
export const LINK = 'api::related-link.related-link';

export const importer = (strapi: Core.Strapi) => getService(strapi, 'importer');

/** What listeners hear of the content types' entries: [event, uid, externalId or title or name]. */
export const listenToEntries = (strapi: Core.Strapi) => {
  const heard: Array<[string, string, string | undefined]> = [];
  const content = new Set([ARTICLE, SECTION, SOURCE, LINK]);
  const listeners = ['entry.update', 'entry.delete', 'entry.create', 'entry.publish'].map((event) => {
    const listener = async (payload: { uid: string; entry: Record<string, any> }) => {
      if (content.has(payload.uid)) heard.push([event, payload.uid, payload.entry.externalId ?? payload.entry.title ?? payload.entry.name]);
    };
    strapi.eventHub.on(event, listener);
    return () => strapi.eventHub.off(event, listener);
  });
  return { heard, stop: () => listeners.forEach((stop) => stop()) };
};

/** The events heard, in an order that does not depend on when each was sent. */
export const sortedEvents = (heard: Array<[string, string, string | undefined]>) =>
  [...heard].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

export const runImport = (strapi: Core.Strapi, dir: string, options: Partial<RunOptions> = {}): Promise<ImportReport> =>
  importer(strapi).run({ trigger: 'cli', source: folderSource(strapi, dir), ...options });

export const itemFor = (report: ImportReport, externalId: string): ReportItem => {
  const found = report.items.find((entry) => entry.externalId === externalId);
  if (!found) throw new Error(`no report item for ${externalId}`);
  return found;
};

type Doc = Record<string, any>;

/** An article's draft (or published version) with everything the contract relates to it. */
export const findArticle = async (strapi: Core.Strapi, externalId: string, status: 'draft' | 'published' = 'draft'): Promise<Doc | null> =>
  (await strapi.documents(ARTICLE).findFirst({
    filters: { externalId },
    status,
    populate: {
      section: true,
      sources: true,
      relatedLinks: { populate: { target: true } },
    },
  } as never)) as Doc | null;

/** An article as the examples' expected records spell it. */
export const asExpectedShape = (article: Doc) => ({
  title: article.title,
  slug: article.slug,
  standfirst: article.standfirst ?? null,
  publicationDate: article.publicationDate ?? null,
  readingTimeMinutes: article.readingTimeMinutes ?? null,
  imageCaption: article.imageCaption ?? null,
  imageCredit: article.imageCredit ?? null,
  byline: article.byline ?? null,
  section: article.section?.name ?? null,
  sources: (article.sources ?? []).map((source: Doc) => source.name),
  body: (article.body ?? []).map((block: Doc) => ({
    type: block.type,
    text: (block.children ?? []).map((child: Doc) => child.text).join(''),
  })),
  relatedLinks: [...(article.relatedLinks ?? [])]
    .sort((a: Doc, b: Doc) => (a.kind === b.kind ? a.position - b.position : a.kind === 'recommended' ? -1 : 1))
    .map((link: Doc) => ({ kind: link.kind, position: link.position, title: link.title, publisher: link.publisher ?? '' })),
});
