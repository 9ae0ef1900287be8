import { describe, expect, it } from 'vitest';
import type { Core } from '@strapi/strapi';
import { makeCaptureDir, syntheticCapture, writeCapture } from '../helpers/captures';
import { ARTICLE, LINK, SECTION, SOURCE, runImport } from '../helpers/ingest';
import { wipeContent } from '../helpers/article-view';
import { relationView } from '../helpers/link-view';
import { suiteStrapi } from '../helpers/strapi';

/**
 * The importer writes related links in bulk, straight to the tables. This compares what it
 * stores with what the Document Service stores for the same links, step by step: through the
 * Document Service's own reads (draft, published, from the link's side) and row by row in the
 * join tables, with ids replaced by what they stand for.
 */

const app = suiteStrapi();

type Doc = Record<string, any>;

const ALPHA = { title: 'Alpha harbour reopens', recommended: ['Beta rail strike ends'], explore: ['Beta rail strike ends', 'Nobody wrote this one'] };
const BETA = { title: 'Beta rail strike ends', explore: ['Alpha harbour reopens'] };
const LATE_LINK = 'Gamma arrives after publishing';

const publishAll = async (strapi: Core.Strapi) => {
  for (const { documentId } of (await strapi.documents(ARTICLE).findMany({ fields: ['documentId'] } as never)) as Doc[]) {
    await strapi.documents(ARTICLE).publish({ documentId } as never);
  }
};

/** The same steps through the importer. */
const importerSteps = async (strapi: Core.Strapi) => {
  const dir = makeCaptureDir({ 'rel_alpha.txt': syntheticCapture(ALPHA), 'rel_beta.txt': syntheticCapture(BETA) });
  await runImport(strapi, dir);
  const created = await relationView(strapi);
  await publishAll(strapi);
  const published = await relationView(strapi);
  writeCapture(dir, 'rel_alpha.txt', syntheticCapture({ ...ALPHA, explore: [...ALPHA.explore, LATE_LINK] }));
  await runImport(strapi, dir);
  const grown = await relationView(strapi);
  return { created, published, grown };
};

/**
 * The same steps, one Document Service call per document, as Strapi's own docs write them —
 * a link connected to the article's draft (`status: 'draft'`), so the live page shows it only
 * once the article is published.
 */
const documentServiceSteps = async (strapi: Core.Strapi) => {
  const create = (externalId: string, title: string) =>
    strapi.documents(ARTICLE).create({ data: { externalId, title, slug: externalId } } as never) as Promise<Doc>;
  const alpha = await create('rel_alpha', ALPHA.title);
  const beta = await create('rel_beta', BETA.title);
  const link = (article: Doc, kind: string, position: number, title: string, publisher: string, target: Doc | null) =>
    strapi.documents(LINK).create({
      data: {
        kind,
        position,
        title,
        publisher,
        article: { connect: [{ documentId: article.documentId, status: 'draft' }] },
        target: target?.documentId ?? null,
      },
    } as never);
  await link(alpha, 'recommended', 0, ALPHA.recommended[0], 'TRT World', beta);
  await link(alpha, 'explore', 0, ALPHA.explore[0], '', beta);
  await link(alpha, 'explore', 1, ALPHA.explore[1], '', null);
  await link(beta, 'explore', 0, BETA.explore[0], '', alpha);
  const created = await relationView(strapi);
  await publishAll(strapi);
  const published = await relationView(strapi);
  await link(alpha, 'explore', 2, LATE_LINK, '', null);
  const grown = await relationView(strapi);
  return { created, published, grown };
};

describe('related links written in bulk', () => {
  it('are stored as the Document Service stores draft links: drafts, after publishing, and added to a published article', async () => {
    const imported = await importerSteps(app.strapi);
    await wipeContent(app.strapi);
    const reference = await documentServiceSteps(app.strapi);

    expect(imported.created).toEqual(reference.created);
    expect(imported.published).toEqual(reference.published);
    expect(imported.grown).toEqual(reference.grown);

    // What the comparison covers, spelled out.
    const alphaDraft = imported.grown.drafts.find((article) => article.externalId === 'rel_alpha')!;
    expect(alphaDraft.links).toEqual([
      ['recommended', 0, ALPHA.recommended[0], 'TRT World', 'rel_beta'],
      ['explore', 0, ALPHA.explore[0], '', 'rel_beta'],
      ['explore', 1, ALPHA.explore[1], '', null],
      ['explore', 2, LATE_LINK, '', null],
    ]);
    // The card added after publishing is the draft's until the article is published again.
    expect(imported.grown.published.find((article) => article.externalId === 'rel_alpha')!.links).toEqual(alphaDraft.links.slice(0, 3));
    expect(imported.grown.rows.article).toContain('rel_alpha/explore/2 rel_alpha:draft 4');
    expect(imported.grown.rows.article).not.toContain('rel_alpha/explore/2 rel_alpha:published 4');
    expect(imported.grown.rows.target).toContain('rel_alpha/explore/0 rel_beta:published');
    expect(imported.grown.links.every((link) => link.documentIdShape && link.published && link.locale === null)).toBe(true);
  });
});
