import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { ARTICLE_UID, RELATED_LINK_UID, SECTION_UID, SOURCE_UID } from '../../src/plugins/ingest/server/src/constants';
import { sourceKey } from '../../src/plugins/ingest/server/src/parse';
import { fieldsFromParsed, toBlocks } from '../../src/plugins/ingest/server/src/plan/fields';
import { articleSlug, nameSlug } from '../../src/plugins/ingest/server/src/plan/slug';
import { uniqueSlug } from '../../src/plugins/ingest/server/src/plan/unique-slug';
import { DEFAULT_MAX_FILE_BYTES, parseCaptureBytes } from '../../src/plugins/ingest/server/src/read';
import { allEntries, createFolderSource } from '../../src/plugins/ingest/server/src/sources';
import { titleKey } from '../../src/plugins/ingest/server/src/utils/titles';

export interface NaiveLoadResult {
  articles: number;
  links: number;
  failed: number;
}

/**
 * The path a Strapi seed script takes: read and parse each capture, then one
 * `strapi.documents(uid).create` per article, per related link, and per section or source the
 * first time it is named. No batching, no transaction of its own (each create has Strapi's).
 * Sections, sources and headlines already created are remembered in maps, as a careful seed
 * script would, so the cost measured is that of the creates. A link gets its target when the
 * headline's article was created before it; no second pass.
 */
export const naiveLoad = async (strapi: Core.Strapi, dir: string): Promise<NaiveLoadResult> => {
  const sections = new Map<string, string>();
  const sources = new Map<string, string>();
  const titles = new Map<string, string>();
  const slugs = new Set<string>();
  const result: NaiveLoadResult = { articles: 0, links: 0, failed: 0 };

  const named = async (uid: typeof SECTION_UID | typeof SOURCE_UID, known: Map<string, string>, key: string, name: string) => {
    let documentId = known.get(key);
    if (documentId === undefined) {
      const created = await strapi.documents(uid).create({ data: { name, slug: nameSlug(name) || key } as never });
      documentId = created.documentId;
      known.set(key, documentId);
    }
    return documentId;
  };

  // The files the importer would list, read and parse: only the writes differ.
  const folder = createFolderSource(dir, { maxBytes: DEFAULT_MAX_FILE_BYTES });
  for (const entry of await allEntries(await folder.list())) {
    const read = await folder.read(entry);
    const parsed = read.ok ? parseCaptureBytes(read.bytes, path.basename(entry.name)) : null;
    if (parsed === null || parsed.outcome !== 'parsed') {
      result.failed += 1;
      continue;
    }
    const fields = fieldsFromParsed(parsed.article);
    const slug = uniqueSlug(articleSlug(fields.title, parsed.article.externalId), slugs);
    slugs.add(slug);
    const section = fields.section ? await named(SECTION_UID, sections, nameSlug(fields.section), fields.section) : null;
    const sourceIds: string[] = [];
    for (const name of fields.sources) sourceIds.push(await named(SOURCE_UID, sources, sourceKey(name), name));

    const article = await strapi.documents(ARTICLE_UID).create({
      data: {
        title: fields.title,
        slug,
        externalId: parsed.article.externalId,
        standfirst: fields.standfirst,
        body: toBlocks(fields.body),
        publicationDate: fields.publicationDate,
        readingTimeMinutes: fields.readingTimeMinutes,
        imageCaption: fields.imageCaption,
        imageCredit: fields.imageCredit,
        byline: fields.byline,
        section,
        sources: sourceIds,
      } as never,
    });
    if (!titles.has(titleKey(fields.title))) titles.set(titleKey(fields.title), article.documentId);

    for (const link of fields.relatedLinks) {
      const target = titles.get(titleKey(link.title));
      await strapi.documents(RELATED_LINK_UID).create({
        data: {
          kind: link.kind,
          position: link.position,
          title: link.title,
          publisher: link.publisher,
          article: article.documentId,
          target: target && target !== article.documentId ? target : null,
        } as never,
      });
      result.links += 1;
    }
    result.articles += 1;
  }
  return result;
};
