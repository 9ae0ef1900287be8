import { describe, expect, it, vi } from 'vitest';
import { naiveLoad } from '../../scripts/lib/naive-load';
import { makeCaptureDir, syntheticCapture } from '../helpers/captures';
import { ARTICLE, LINK, SECTION, SOURCE, findArticle, listenToEntries, runImport, sortedEvents } from '../helpers/ingest';
import { storedRows, wipeContent } from '../helpers/article-view';
import { suiteStrapi } from '../helpers/strapi';
import { getService } from '../../src/plugins/ingest/server/src/utils';

/**
 * The importer writes a new article's draft with the Query Engine. This compares the rows it
 * stores with the rows the Document Service stores for the same article: the article's own
 * columns and its section and sources join rows, ids replaced by what they stand for.
 */

const app = suiteStrapi();

describe('a new article written by the importer', () => {
  it('is stored as the Document Service stores the same article', async () => {
    const dir = makeCaptureDir({
      'row_story.txt': syntheticCapture({ title: 'Row by row story', section: 'TÜRKİYE', source: 'AA, Reuters and agencies', explore: ['Elsewhere'] }),
      'row_story_2.txt': syntheticCapture({ title: 'Second row story', section: 'TÜRKİYE', source: 'Reuters' }),
    });
    let announced = 0;
    const listener = async () => {
      announced += 1;
    };
    app.strapi.eventHub.on('entry.create', listener);
    await runImport(app.strapi, dir);
    app.strapi.eventHub.off('entry.create', listener);
    expect(announced).toBeGreaterThanOrEqual(1);

    const imported = await findArticle(app.strapi, 'row_story');
    const importedSecond = await findArticle(app.strapi, 'row_story_2');
    const importedRows = [await storedRows(app.strapi, 'row_story'), await storedRows(app.strapi, 'row_story_2')];
    await wipeContent(app.strapi);

    const section = await app.strapi.documents(SECTION).create({ data: { name: 'TÜRKİYE', slug: 'turkiye' } } as never);
    const sources: Array<Record<string, unknown>> = [];
    for (const [name, slug] of [['AA', 'aa'], ['Reuters', 'reuters'], ['Agencies', 'agencies']]) {
      sources.push(await app.strapi.documents(SOURCE).create({ data: { name, slug } } as never));
    }
    const recreate = async (article: Record<string, any>, sourceDocs: Array<Record<string, unknown>>) => {
      const { documentId: _d, id: _i, createdAt: _c, updatedAt: _u, section: _s, sources: _so, relatedLinks: _r, ...fields } = article;
      await app.strapi.documents(ARTICLE).create({
        data: { ...fields, section: section.documentId, sources: sourceDocs.map((source) => source.documentId) },
      } as never);
    };
    await recreate(imported!, sources);
    await recreate(importedSecond!, [sources[1]]);
    const referenceRows = [await storedRows(app.strapi, 'row_story'), await storedRows(app.strapi, 'row_story_2')];

    expect(importedRows).toEqual(referenceRows);
    expect(importedRows[0].joins.sources.map((row) => row[0])).toEqual(['AA', 'Agencies', 'Reuters']);
    // The second article comes second in the section's and in Reuters' lists of articles.
    expect(importedRows[1].joins.section).toEqual([['TÜRKİYE', null, 2]]);
    expect(importedRows[1].joins.sources).toEqual([['Reuters', 1, 2]]);
  });

  it('is announced, with its links, section and sources, as the Document Service announces them', async () => {
    await wipeContent(app.strapi);
    const captures = {
      'ann_first.txt': syntheticCapture({ title: 'Harbour cranes return to work', section: 'BUSINESS', source: 'AA and Reuters', recommended: ['A card about tides'], explore: ['Elsewhere today', 'And another'] }),
      'ann_second.txt': syntheticCapture({ title: 'Second announced story', section: 'BUSINESS', source: 'Reuters', explore: ['Harbour cranes return to work'] }),
    };
    // The fields of each new link as announced, and whether it says it is published (links have
    // no drafts). Not its relations: the Document Service's entry carries the article and the
    // target populated, where the importer's carries none (see the README's Architecture).
    const linkShapes = () => {
      const shapes: string[] = [];
      const listener = async ({ uid, entry }: { uid: string; entry: Record<string, unknown> }) => {
        const fields = Object.keys(entry).filter((key) => key !== 'article' && key !== 'target');
        if (uid === LINK) shapes.push(`${fields.sort().join(',')} published:${entry.publishedAt != null} url:${entry.url}`);
      };
      app.strapi.eventHub.on('entry.create', listener);
      return { shapes, stop: () => app.strapi.eventHub.off('entry.create', listener) };
    };
    const imported = listenToEntries(app.strapi);
    const importedLinks = linkShapes();
    await runImport(app.strapi, makeCaptureDir(captures));
    imported.stop();
    importedLinks.stop();
    await wipeContent(app.strapi);

    const reference = listenToEntries(app.strapi);
    const referenceLinks = linkShapes();
    await naiveLoad(app.strapi, makeCaptureDir(captures));
    // The Document Service sends each event once its transaction commits, not before it returns.
    await vi.waitFor(() => expect(reference.heard.length).toBe(imported.heard.length), { timeout: 5_000 });
    reference.stop();
    referenceLinks.stop();
    expect(importedLinks.shapes).toEqual(referenceLinks.shapes);

    expect(sortedEvents(imported.heard)).toEqual(sortedEvents(reference.heard));
    expect(imported.heard.filter(([event, uid]) => event === 'entry.create' && uid === LINK).map(([, , title]) => title).sort()).toEqual(
      ['A card about tides', 'And another', 'Elsewhere today', 'Harbour cranes return to work'].sort()
    );
  });

  it('is announced sanitized as the Document Service would, for every entry of the same shape (private fields left out)', async () => {
    const heard: Array<Record<string, unknown>> = [];
    const listener = async (payload: { uid: string; entry: Record<string, unknown> }) => {
      if (payload.uid === ARTICLE) heard.push(payload.entry);
    };
    app.strapi.eventHub.on('entry.update', listener);
    // The same keys three times: the sanitizer runs on the first, its answer serves the others.
    const entries = [1, 2, 3].map((n) => ({ id: n, documentId: `doc${n}`, title: `Title ${n}`, importStamp: `stamp ${n}`, updatedAt: new Date(n) }));
    await getService(app.strapi, 'announcements').rows('entry.update', ARTICLE, entries);
    app.strapi.eventHub.off('entry.update', listener);
    expect(heard).toEqual(entries.map(({ importStamp: _private, ...rest }) => rest));
  });
});
