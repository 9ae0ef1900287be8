import { describe, expect, it, vi } from 'vitest';
import type { Core } from '@strapi/strapi';
import { makeCaptureDir, syntheticCapture, writeCapture } from '../helpers/captures';
import { storedRows, wipeContent } from '../helpers/article-view';
import { ARTICLE, LINK, findArticle, itemFor, listenToEntries, runImport, sortedEvents } from '../helpers/ingest';
import { relationView } from '../helpers/link-view';
import { suiteStrapi } from '../helpers/strapi';
import { planArticleWrite } from '../../src/plugins/ingest/server/src/plan/plan-article';
import { loadCatalog } from '../../src/plugins/ingest/server/src/store/catalog';
import { getService } from '../../src/plugins/ingest/server/src/utils';

/**
 * Changed captures are written in bulk (services/article-updates). This compares the rows the
 * bulk path leaves with those the Document Service leaves for the same changes, checks the
 * events listeners hear, and that a batch keeps each editor's field.
 */

const app = suiteStrapi();

type Doc = Record<string, any>;

const ALPHA = {
  title: 'Alpha harbour reopens',
  recommended: ['Card with no article'],
  explore: ['Beta rail strike ends', 'Nobody wrote this one', 'A third headline'],
};
const BETA = { title: 'Beta rail strike ends', explore: ['Alpha harbour reopens'] };
// The second version: a new standfirst and second paragraph; the Explore list's second entry
// now names Beta (a new title and a target), its third is gone.
const ALPHA_V2 = {
  ...ALPHA,
  standfirst: 'A new summary of the harbour story.',
  body: ['The first paragraph of Alpha harbour reopens says what happened.', 'A corrected second paragraph.'],
  explore: ['Beta rail strike ends', 'Beta rail strike ends'],
};

const views = async (strapi: Core.Strapi) => {
  const rows = async (externalId: string) => {
    const { own, joins } = await storedRows(strapi, externalId);
    // The import's own bookkeeping (its stamp) is not what the Document Service would write.
    const { import_stamp: _stamp, ...columns } = own as Doc;
    return { columns, joins };
  };
  const updatedAt = async (externalId: string) =>
    new Date(((await strapi.db.query(ARTICLE).findOne({ where: { externalId, publishedAt: null }, select: ['updatedAt'] })) as Doc).updatedAt).getTime();
  return { alpha: await rows('upd_alpha'), beta: await rows('upd_beta'), links: await relationView(strapi), alphaUpdatedAt: await updatedAt('upd_alpha'), betaUpdatedAt: await updatedAt('upd_beta') };
};

describe('a changed capture written in bulk', () => {
  it('leaves the rows the Document Service leaves for the same changes, and sends the same events', async () => {
    const { strapi } = app;
    const dir = makeCaptureDir({ 'upd_alpha.txt': syntheticCapture(ALPHA), 'upd_beta.txt': syntheticCapture(BETA) });
    await runImport(strapi, dir);
    const before = await views(strapi);
    await new Promise((resolve) => setTimeout(resolve, 20));
    writeCapture(dir, 'upd_alpha.txt', syntheticCapture(ALPHA_V2));
    const events = listenToEntries(strapi);
    const report = await runImport(strapi, dir);
    events.stop();
    expect(report.counts).toMatchObject({ updated: 1, unchanged: 1, failed: 0 });
    const bulk = await views(strapi);

    await wipeContent(strapi);
    await runImport(strapi, makeCaptureDir({ 'upd_alpha.txt': syntheticCapture(ALPHA), 'upd_beta.txt': syntheticCapture(BETA) }));
    const alpha = (await findArticle(strapi, 'upd_alpha'))!;
    const beta = (await findArticle(strapi, 'upd_beta'))!;
    const link = (kind: string, position: number) => alpha.relatedLinks.find((entry: Doc) => entry.kind === kind && entry.position === position);
    const reference = listenToEntries(strapi);
    await strapi.documents(ARTICLE).update({
      documentId: alpha.documentId,
      data: { standfirst: ALPHA_V2.standfirst, body: ALPHA_V2.body.map((text) => ({ type: 'paragraph', children: [{ type: 'text', text }] })) },
    } as never);
    await strapi.documents(LINK).update({ documentId: link('explore', 1).documentId, data: { title: BETA.title, target: beta.documentId } } as never);
    await strapi.documents(LINK).delete({ documentId: link('explore', 2).documentId } as never);
    // The Document Service sends each event once its transaction commits, not before it returns.
    await vi.waitFor(() => expect(reference.heard.length).toBe(events.heard.length), { timeout: 5_000 });
    reference.stop();
    const documentService = await views(strapi);

    expect(bulk.alpha).toEqual(documentService.alpha);
    expect(bulk.beta).toEqual(documentService.beta);
    expect(bulk.links).toEqual(documentService.links);
    // Spelled out: the changed draft moved, the other did not; Alpha's list as the capture says.
    expect(bulk.alphaUpdatedAt).toBeGreaterThan(before.alphaUpdatedAt);
    expect(bulk.betaUpdatedAt).toBe(before.betaUpdatedAt);
    expect(bulk.alpha.columns.standfirst).toBe(ALPHA_V2.standfirst);
    expect(bulk.links.drafts.find((article) => article.externalId === 'upd_alpha')!.links).toEqual([
      ['recommended', 0, ALPHA.recommended[0], 'TRT World', null],
      ['explore', 0, BETA.title, '', 'upd_beta'],
      ['explore', 1, BETA.title, '', 'upd_beta'],
    ]);
    // The article's update, the changed link and the removed one, as the Document Service announces them.
    expect(sortedEvents(events.heard)).toEqual(sortedEvents(reference.heard));
    expect(events.heard).toContainEqual(['entry.update', ARTICLE, 'upd_alpha']);
    expect(events.heard).toContainEqual(['entry.update', LINK, BETA.title]);
    expect(events.heard).toContainEqual(['entry.delete', LINK, ALPHA.explore[2]]);
  });

  it('changes only the draft, and publishes it (entry.publish) when asked', async () => {
    const { strapi } = app;
    const dir = makeCaptureDir({ 'pub_alpha.txt': syntheticCapture({ ...ALPHA, title: 'Published harbour story' }) });
    await runImport(strapi, dir, { publish: true });
    writeCapture(dir, 'pub_alpha.txt', syntheticCapture({ ...ALPHA_V2, title: 'Published harbour story' }));
    await runImport(strapi, dir);
    expect((await findArticle(strapi, 'pub_alpha', 'published'))!.standfirst).not.toBe(ALPHA_V2.standfirst);
    expect((await findArticle(strapi, 'pub_alpha', 'draft'))!.standfirst).toBe(ALPHA_V2.standfirst);

    writeCapture(dir, 'pub_alpha.txt', syntheticCapture({ ...ALPHA_V2, title: 'Published harbour story', standfirst: 'Third summary.' }));
    const events = listenToEntries(strapi);
    const report = await runImport(strapi, dir, { publish: true });
    // The Document Service announces a publish once its transaction commits, not before it returns.
    await vi.waitFor(() => expect(events.heard).toContainEqual(['entry.publish', ARTICLE, 'pub_alpha']), { timeout: 5_000 });
    events.stop();
    expect(report.counts.updated).toBe(1);
    expect((await findArticle(strapi, 'pub_alpha', 'published'))!.standfirst).toBe('Third summary.');
    // The next run finds it unchanged: the import state took the draft as publishing left it.
    expect((await runImport(strapi, dir)).counts.unchanged).toBe(1);
  });

  it("keeps each editor's field in a batch of changed captures, and writes the others", async () => {
    const { strapi } = app;
    const count = 30;
    const capture = (index: number, version: number) =>
      syntheticCapture({
        title: `Batch story ${index}`,
        standfirst: `Summary ${index}, version ${version}.`,
        body: [`First paragraph of batch story ${index}.`, `Second paragraph, version ${version}.`],
        explore: [`Explore ${index} version ${version}`, `Batch story ${(index + 1) % count}`],
      });
    const files = (version: number) => Object.fromEntries(Array.from({ length: count }, (_, index) => [`batch_${String(index).padStart(2, '0')}.txt`, capture(index, version)]));
    const dir = makeCaptureDir(files(1));
    await runImport(strapi, dir);
    const edited = { batch_03: 'standfirst', batch_11: 'title', batch_27: 'body' } as const;
    for (const [externalId, field] of Object.entries(edited)) {
      const article = (await findArticle(strapi, externalId))!;
      const value = field === 'body' ? [{ type: 'paragraph', children: [{ type: 'text', text: 'The editor rewrote the body.' }] }] : `Edited ${field} of ${externalId}`;
      await strapi.documents(ARTICLE).update({ documentId: article.documentId, data: { [field]: value } } as never);
    }
    for (const [name, text] of Object.entries(files(2))) writeCapture(dir, name, text);
    const report = await runImport(strapi, dir);
    expect(report.counts).toMatchObject({ updated: count, failed: 0, conflicted: 3 });

    for (let index = 0; index < count; index += 1) {
      const externalId = `batch_${String(index).padStart(2, '0')}`;
      const field = edited[externalId as keyof typeof edited];
      const draft = (await findArticle(strapi, externalId))!;
      expect(itemFor(report, externalId).conflicts, externalId).toEqual(field ? [field] : []);
      expect(draft.title).toBe(field === 'title' ? `Edited title of ${externalId}` : `Batch story ${index}`);
      expect(draft.standfirst).toBe(field === 'standfirst' ? `Edited standfirst of ${externalId}` : `Summary ${index}, version 2.`);
      const body = draft.body.map((block: Doc) => block.children[0].text);
      expect(body).toEqual(field === 'body' ? ['The editor rewrote the body.'] : [`First paragraph of batch story ${index}.`, 'Second paragraph, version 2.']);
      expect(draft.relatedLinks.map((link: Doc) => link.title).sort()).toEqual([`Batch story ${(index + 1) % count}`, `Explore ${index} version 2`].sort());
    }
    // Nothing left to do: the editors' fields stay conflicts, nothing is written.
    const again = await runImport(strapi, dir);
    expect(again.counts).toMatchObject({ unchanged: count, conflicted: 3 });
  });

  it('does not bring back an article deleted between its batch being read and written', async () => {
    const { strapi } = app;
    const dir = makeCaptureDir({ 'gone_alpha.txt': syntheticCapture({ ...ALPHA, title: 'Soon deleted harbour story' }) });
    await runImport(strapi, dir);
    const catalog = await loadCatalog(strapi);
    await catalog.complete();
    const existing = catalog.article('gone_alpha')!;
    const snapshot = (await getService(strapi, 'draft-snapshots').load([existing])).get(existing.id)!;
    const desired = { ...snapshot.current, standfirst: 'Written after the delete.', relatedLinks: snapshot.current.relatedLinks.map((link) => ({ ...link, title: `${link.title} again` })) };
    const plan = planArticleWrite({ desired, current: snapshot.current, lastWritten: snapshot.state!.fields, force: false });
    expect(plan.action).toBe('update');

    await strapi.documents(ARTICLE).delete({ documentId: existing.documentId } as never);
    const state = { ...snapshot.state!, conflicts: [] };
    await getService(strapi, 'article-updates').updateArticles(catalog, [
      { request: { externalId: 'gone_alpha', slug: existing.slug, existing, plan, state, publish: false }, snapshot },
    ]);
    expect(await strapi.db.query(ARTICLE).count({ where: { id: existing.id } })).toBe(0);
    // Its links outlive it (the Document Service leaves them, with no article); none was made anew.
    expect(await strapi.db.query(LINK).count({ where: { documentId: { $null: true } } })).toBe(0);
  });
});
