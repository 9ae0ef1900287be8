import fs from 'fs';
import path from 'path';
import { beforeAll, describe, expect, it } from 'vitest';
import { examplesDir, exampleNames, expectedFor, makeCaptureDir, readExample, syntheticCapture, writeCapture } from '../helpers/captures';
import { ARTICLE, LINK, SECTION, SOURCE, asExpectedShape, findArticle, itemFor, listenToEntries, runImport, sortedEvents } from '../helpers/ingest';
import { countRows, snapshotContentRows } from '../helpers/rows';
import { suiteStrapi } from '../helpers/strapi';

const app = suiteStrapi();

describe('importing the example captures', () => {
  let dir: string;
  let first: Awaited<ReturnType<typeof runImport>>;

  beforeAll(() => {
    dir = examplesDir();
  });

  it('creates every article as its expected record says, and fails the bad captures with a reason', async () => {
    const report = await runImport(app.strapi, dir);
    first = report;

    for (const name of exampleNames()) {
      const expected = expectedFor(name);
      const entry = itemFor(report, expected.externalId);
      expect(entry.file).toBe(name);
      if (expected.outcome === 'failed') {
        expect(entry.outcome).toBe('failed');
        expect(entry.error).toContain(name);
        expect(entry.error).toMatch(/headline/);
        expect(await findArticle(app.strapi, expected.externalId)).toBeNull();
        continue;
      }
      expect(entry.outcome, name).toBe('created');
      expect(entry.warnings.length > 0, `${name} warnings ${JSON.stringify(entry.warnings)}`).toBe(expected.warnings);
      const article = await findArticle(app.strapi, expected.externalId);
      expect(article, name).not.toBeNull();
      expect(article!.publishedAt).toBeNull();
      expect(entry.documentId).toBe(article!.documentId);
      const { externalId: _id, outcome: _outcome, warnings: _warnings, ...fields } = expected;
      expect(asExpectedShape(article!), name).toEqual(fields);
    }
    expect(report.counts).toEqual({ created: 8, updated: 0, unchanged: 0, failed: 2, duplicate: 0, conflicted: 0 });
  });

  it('creates each section and source once, with contract slugs and one spelling per source', async () => {
    const sections = await app.strapi.documents(SECTION).findMany({ sort: 'slug' } as never);
    expect(sections.map((section: any) => [section.name, section.slug])).toEqual([
      ['BUSINESS & ECONOMY', 'business-and-economy'],
      ['CONFLICT & PEACE PROCESSES', 'conflict-and-peace-processes'],
      ['ENVIRONMENT', 'environment'],
      ['SCIENCE & TECH', 'science-and-tech'],
      ['TÜRKİYE', 'turkiye'],
    ]);
    const sources = await app.strapi.documents(SOURCE).findMany({ sort: 'slug' } as never);
    expect(sources.map((source: any) => [source.name, source.slug])).toEqual([
      ['AA', 'aa'],
      ['AFP', 'afp'],
      ['Agencies', 'agencies'],
      ['Reuters', 'reuters'],
      ['TRT World', 'trt-world'],
    ]);
  });

  it('imports the same files again without writing anything', async () => {
    const before = await snapshotContentRows(app.strapi);
    // Deciding that nothing changed reads the catalog index, not the articles' rows.
    const articleReads: string[] = [];
    const listener = (query: { sql: string }) => {
      if (/[`"]articles[`"]/.test(query.sql)) articleReads.push(query.sql);
    };
    app.strapi.db.connection.on('query', listener);
    let report: Awaited<ReturnType<typeof runImport>>;
    try {
      report = await runImport(app.strapi, dir);
    } finally {
      app.strapi.db.connection.removeListener('query', listener);
    }
    expect(articleReads.length).toBeGreaterThan(0);
    for (const sql of articleReads) {
      // Each draft's documentId comes with its stamp: no second select of every article for it.
      expect(sql).not.toMatch(/body|\*|document_id|^(insert|update|delete)/i);
      // The whole state only of the articles whose warnings the report repeats.
      if (sql.includes('import_state')) expect(sql).toMatch(/where [`"]?id[`"]? in \(/);
    }
    expect(report.items.filter((entry) => entry.outcome !== 'failed').every((entry) => entry.outcome === 'unchanged')).toBe(true);
    expect(report.counts).toMatchObject({ created: 0, updated: 0, unchanged: 8, failed: 2 });
    // An unchanged capture keeps the warnings it was imported with.
    expect(itemFor(report, '004_91b56a66213aafde').warnings).toEqual(first.items.find((entry) => entry.externalId === '004_91b56a66213aafde')!.warnings);
    // And each unchanged item names its article.
    for (const entry of report!.items.filter((item) => item.outcome === 'unchanged')) {
      expect(entry.documentId).toBe(first.items.find((item) => item.externalId === entry.externalId)!.documentId);
    }
    expect(await snapshotContentRows(app.strapi)).toEqual(before);
  });

  it('names each unchanged article from stamps written before they held its documentId too', async () => {
    const table = app.strapi.db.connection('articles');
    const stamps: Array<{ id: number; import_stamp: string; document_id: string }> = await table.clone().select('id', 'import_stamp', 'document_id').whereNotNull('import_stamp');
    expect(stamps.length).toBeGreaterThan(0);
    for (const row of stamps) {
      expect(row.import_stamp.endsWith(` ${row.document_id}`)).toBe(true);
      // As a stamp of the build before: the same, without its last word (no updatedAt moves).
      await app.strapi.db.connection('articles').where({ id: row.id }).update({ import_stamp: row.import_stamp.slice(0, -(row.document_id.length + 1)) });
    }
    const before = await snapshotContentRows(app.strapi);
    const report = await runImport(app.strapi, dir);
    expect(report.counts).toMatchObject({ created: 0, updated: 0, unchanged: 8, failed: 2 });
    for (const entry of report.items.filter((item) => item.outcome === 'unchanged')) {
      expect(entry.documentId).toBe(first.items.find((item) => item.externalId === entry.externalId)!.documentId);
    }
    expect(await snapshotContentRows(app.strapi)).toEqual(before);
  });

  it('reads a touched or copied file again but writes nothing when its bytes are the same', async () => {
    const before = await snapshotContentRows(app.strapi);
    const later = new Date(Date.now() + 60_000);
    for (const name of exampleNames()) fs.utimesSync(path.join(dir, name), later, later);
    const copied = makeCaptureDir(Object.fromEntries(exampleNames().map((name) => [name, readExample(name)])));
    for (const folder of [dir, copied]) {
      const report = await runImport(app.strapi, folder);
      expect(report.counts).toMatchObject({ created: 0, updated: 0, unchanged: 8, failed: 2 });
    }
    expect(await snapshotContentRows(app.strapi)).toEqual(before);
  });

  it('writes nothing on a dry run, and reports what a real run would do', async () => {
    const changed = makeCaptureDir({
      'new_story.txt': syntheticCapture({ title: 'Dry run story that must not be stored' }),
      ...Object.fromEntries(exampleNames().map((name) => [name, readExample(name)])),
    });
    const before = await snapshotContentRows(app.strapi);
    const runsBefore = await countRows(app.strapi, 'plugin::ingest.import-run');
    const report = await runImport(app.strapi, changed, { dryRun: true });
    expect(report.dryRun).toBe(true);
    expect(report.runId).toBeNull();
    expect(itemFor(report, 'new_story').outcome).toBe('created');
    expect(itemFor(report, 'new_story').documentId).toBeNull();
    expect(await snapshotContentRows(app.strapi)).toEqual(before);
    expect(await countRows(app.strapi, 'plugin::ingest.import-run')).toBe(runsBefore);
  });
});

describe('changes after the first import', () => {
  let dir: string;
  const capture = (standfirst: string, title = 'Harbour ferry line adds night crossings') =>
    syntheticCapture({ title, standfirst, section: 'TRAVEL', explore: ['Another story entirely'] });

  beforeAll(async () => {
    dir = makeCaptureDir({ 'ferry_1.txt': capture('Ferries will run until 2 am on weekends.'), 'other_1.txt': syntheticCapture({ title: 'Unrelated story' }) });
    const first = await runImport(app.strapi, dir, { publish: true });
    expect(first.counts.created).toBe(2);
  });

  it('a changed capture updates only its draft; the published version stays until published', async () => {
    const otherBefore = await findArticle(app.strapi, 'other_1');
    writeCapture(dir, 'ferry_1.txt', capture('Ferries will now run until 3 am every night.'));
    const report = await runImport(app.strapi, dir);
    expect(itemFor(report, 'ferry_1').outcome).toBe('updated');
    expect(itemFor(report, 'other_1').outcome).toBe('unchanged');
    expect((await findArticle(app.strapi, 'ferry_1'))!.standfirst).toBe('Ferries will now run until 3 am every night.');
    expect((await findArticle(app.strapi, 'ferry_1', 'published'))!.standfirst).toBe('Ferries will run until 2 am on weekends.');
    expect((await findArticle(app.strapi, 'other_1'))!.updatedAt).toEqual(otherBefore!.updatedAt);
  });

  it("keeps an editor's field, updates the others, reports the conflict, and --force overrides", async () => {
    const draft = await findArticle(app.strapi, 'ferry_1');
    await app.strapi.documents(ARTICLE).update({ documentId: draft!.documentId, data: { standfirst: 'Edited by the night desk.' } } as never);

    writeCapture(dir, 'ferry_1.txt', capture('Ferries will now run until 4 am every night.', 'Harbour ferry line adds more night crossings'));
    const report = await runImport(app.strapi, dir);
    const entry = itemFor(report, 'ferry_1');
    expect(entry.outcome).toBe('updated');
    expect(entry.conflicts).toEqual(['standfirst']);
    expect(report.counts.conflicted).toBe(1);
    const after = await findArticle(app.strapi, 'ferry_1');
    expect(after!.standfirst).toBe('Edited by the night desk.');
    expect(after!.title).toBe('Harbour ferry line adds more night crossings');

    const again = await runImport(app.strapi, dir);
    expect(itemFor(again, 'ferry_1')).toMatchObject({ outcome: 'unchanged', conflicts: ['standfirst'] });
    expect(again.counts).toMatchObject({ unchanged: 2, conflicted: 1 });

    const forced = await runImport(app.strapi, dir, { force: true });
    expect(itemFor(forced, 'ferry_1')).toMatchObject({ outcome: 'updated', conflicts: [] });
    expect((await findArticle(app.strapi, 'ferry_1'))!.standfirst).toBe('Ferries will now run until 4 am every night.');
  });

  it("changes a published article's links in its draft only, until it is published", async () => {
    const linksOf = async (status: 'draft' | 'published') =>
      asExpectedShape((await findArticle(app.strapi, 'ferry_1', status))!).relatedLinks.map((link) => link.title);
    const publishedBefore = await linksOf('published');
    expect(publishedBefore).toEqual(['Another story entirely']);

    writeCapture(
      dir,
      'ferry_1.txt',
      syntheticCapture({ title: 'Harbour ferry line adds more night crossings', standfirst: 'Ferries will now run until 4 am every night.', section: 'TRAVEL', explore: ['A renamed story', 'A new story'] })
    );
    const report = await runImport(app.strapi, dir);
    expect(itemFor(report, 'ferry_1').outcome).toBe('updated');
    expect(await linksOf('draft')).toEqual(['A renamed story', 'A new story']);
    expect(await linksOf('published')).toEqual(publishedBefore);

    const draft = await findArticle(app.strapi, 'ferry_1');
    await app.strapi.documents(ARTICLE).publish({ documentId: draft!.documentId } as never);
    expect(await linksOf('published')).toEqual(['A renamed story', 'A new story']);
    expect(await linksOf('draft')).toEqual(['A renamed story', 'A new story']);

    // Publishing deleted the card the published version no longer shows: no link is left without an article.
    expect(await app.strapi.db.query(LINK).count({ where: { title: 'Another story entirely' } })).toBe(0);
  });

  it('reports a file that disappeared as missing and leaves its article alone', async () => {
    fs.rmSync(path.join(dir, 'other_1.txt'));
    const report = await runImport(app.strapi, dir);
    expect(report.missing).toContain('other_1');
    expect(await findArticle(app.strapi, 'other_1')).not.toBeNull();
  });
});

describe('identity, duplicates and links', () => {
  it('reports a second copy of a story under another external id as duplicate, and creates nothing', async () => {
    const original = readExample('001_c4cd42d90a83d501.txt');
    const dir = makeCaptureDir({ 'dup_a.txt': original, 'dup_b.txt': Buffer.from(original.toString('utf8').replace(/\n/g, '\r\n')) });
    const articlesBefore = await countRows(app.strapi, ARTICLE);
    const report = await runImport(app.strapi, dir);
    // 001 was imported above under its own name: both copies are the same story.
    expect(itemFor(report, 'dup_a').outcome).toBe('duplicate');
    expect(itemFor(report, 'dup_b').outcome).toBe('duplicate');
    expect(itemFor(report, 'dup_a').warnings.join()).toMatch(/001_c4cd42d90a83d501/);
    expect(await countRows(app.strapi, ARTICLE)).toBe(articlesBefore);
  });

  it('imports one file per external id in a run: a second file of that name fails, naming the first, in every run', async () => {
    const dir = makeCaptureDir({
      '2024/same_name.txt': syntheticCapture({ title: 'The first file of this name' }),
      '2025/same_name.txt': syntheticCapture({ title: 'The second file of this name' }),
    });
    const outcomes = (report: Awaited<ReturnType<typeof runImport>>) =>
      report.items.filter((entry) => entry.externalId === 'same_name').map((entry) => [entry.file, entry.outcome, entry.error]);
    const first = await runImport(app.strapi, dir);
    expect(outcomes(first)).toEqual([
      ['2024/same_name.txt', 'created', null],
      ['2025/same_name.txt', 'failed', expect.stringContaining('2025/same_name.txt: external id "same_name" is also the name of 2024/same_name.txt')],
    ]);
    expect((await findArticle(app.strapi, 'same_name'))!.title).toBe('The first file of this name');
    // Again, with the article stored: the first file is unchanged, the second still refused, and
    // the article the first file claimed is not missing.
    const again = await runImport(app.strapi, dir);
    expect(outcomes(again)).toEqual([
      ['2024/same_name.txt', 'unchanged', null],
      ['2025/same_name.txt', 'failed', expect.stringContaining('is also the name of 2024/same_name.txt')],
    ]);
    expect(again.missing).not.toContain('same_name');
    expect((await findArticle(app.strapi, 'same_name'))!.title).toBe('The first file of this name');
  });

  it('gives a clashing headline -2, in sorted file order', async () => {
    const dir = makeCaptureDir({
      'clash_b.txt': syntheticCapture({ title: 'Same headline twice', body: ['Body of the second file.'] }),
      'clash_a.txt': syntheticCapture({ title: 'Same headline twice', body: ['Body of the first file.'] }),
    });
    await runImport(app.strapi, dir);
    expect((await findArticle(app.strapi, 'clash_a'))!.slug).toBe('same-headline-twice');
    expect((await findArticle(app.strapi, 'clash_b'))!.slug).toBe('same-headline-twice-2');
  });

  it("resolves a link's target to the article with that headline, also when it arrives in a later run", async () => {
    const dir = makeCaptureDir({
      'links_a.txt': syntheticCapture({ title: 'Port strike ends', explore: ['  RAIL  freight volumes reach a record ', 'Nobody wrote this one'], recommended: ['Port strike ends'] }),
    });
    await runImport(app.strapi, dir);
    let article = await findArticle(app.strapi, 'links_a');
    const linkTo = (doc: any, title: string) => doc.relatedLinks.find((link: any) => link.title.toLowerCase().includes(title));
    expect(linkTo(article, 'rail freight').target).toBeNull();

    writeCapture(dir, 'links_b.txt', syntheticCapture({ title: 'Rail freight volumes reach a record' }));
    const events = listenToEntries(app.strapi);
    const report = await runImport(app.strapi, dir);
    events.stop();
    expect(itemFor(report, 'links_a').outcome).toBe('unchanged');
    // The link that found its target is announced as changed, as a Document Service update of it would be.
    expect(events.heard).toContainEqual(['entry.update', LINK, 'RAIL freight volumes reach a record']);
    article = await findArticle(app.strapi, 'links_a');
    const target = await findArticle(app.strapi, 'links_b');
    expect(linkTo(article, 'rail freight').target.documentId).toBe(target!.documentId);
    expect(linkTo(article, 'nobody').target).toBeNull();
    // A link to its own headline is not a link to another story.
    expect(linkTo(article, 'port strike').target).toBeNull();

    const before = await snapshotContentRows(app.strapi);
    await runImport(app.strapi, dir);
    expect(await snapshotContentRows(app.strapi)).toEqual(before);
  });

  it('rewrites the links of an article only when its lists changed, in place', async () => {
    const dir = makeCaptureDir({ 'lists.txt': syntheticCapture({ title: 'Lists story', explore: ['One', 'Two', 'Three'] }) });
    await runImport(app.strapi, dir);
    const before = await findArticle(app.strapi, 'lists');
    const ids = new Map(before!.relatedLinks.map((link: any) => [link.position, link.documentId]));

    writeCapture(dir, 'lists.txt', syntheticCapture({ title: 'Lists story', explore: ['One', 'Two (updated)'] }));
    const events = listenToEntries(app.strapi);
    const report = await runImport(app.strapi, dir);
    events.stop();
    expect(itemFor(report, 'lists').outcome).toBe('updated');
    expect(sortedEvents(events.heard.filter(([, uid]) => uid === LINK))).toEqual([
      ['entry.delete', LINK, 'Three'],
      ['entry.update', LINK, 'Two (updated)'],
    ]);
    const after = await findArticle(app.strapi, 'lists');
    expect(asExpectedShape(after!).relatedLinks.map((link) => link.title)).toEqual(['One', 'Two (updated)']);
    for (const link of after!.relatedLinks) expect(link.documentId).toBe(ids.get(link.position));
    expect(await app.strapi.db.query(LINK).count({ where: { title: 'Three' } })).toBe(0);
  });
});

describe('bad input', () => {
  it('fails a bad file with a reason naming it and imports the others', async () => {
    const dir = makeCaptureDir({
      'a_good.txt': syntheticCapture({ title: 'A good story among bad ones' }),
      'b_binary.txt': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0]),
      'c_empty.txt': '',
      'd_too_long.txt': syntheticCapture({ title: `A headline that goes on ${'and on '.repeat(50)}` }),
      'nested/e_good.txt': syntheticCapture({ title: 'A good story in a subfolder' }),
      'not_a_capture.md': '# ignored',
    });
    const report = await runImport(app.strapi, dir);
    expect(report.items.map((entry) => [entry.file, entry.outcome])).toEqual([
      ['a_good.txt', 'created'],
      ['b_binary.txt', 'failed'],
      ['c_empty.txt', 'failed'],
      ['d_too_long.txt', 'failed'],
      ['nested/e_good.txt', 'created'],
    ]);
    for (const entry of report.items.filter((item) => item.outcome === 'failed')) {
      expect(entry.error).toContain(path.basename(entry.file!));
    }
    expect(itemFor(report, 'd_too_long').error).toMatch(/headline is \d+ characters long/);
  });

  it('fails alone a new article the database refuses: nothing of it is stored, the rest of its batch is', async () => {
    const dir = makeCaptureDir({
      'batch_a.txt': syntheticCapture({ title: 'First of a batch', section: 'BATCH NEWS', recommended: ['Refused by the database'] }),
      'batch_b.txt': syntheticCapture({ title: 'Refused by the database', section: 'REFUSED SECTION', source: 'Refused Agency', recommended: ['First of a batch'] }),
      'batch_c.txt': syntheticCapture({ title: 'Third of a batch', section: 'BATCH NEWS', recommended: ['First of a batch'] }),
    });
    // New articles are written a batch at a time: this one makes its whole batch fail first.
    const unsubscribe = app.strapi.db.lifecycles.subscribe({
      models: [ARTICLE],
      beforeCreateMany(event: { params: { data: Array<{ externalId?: string }> } }) {
        if (event.params.data.some((row) => row.externalId === 'batch_b')) throw new Error('the database said no');
      },
    } as never) as unknown as () => void;
    let report: Awaited<ReturnType<typeof runImport>>;
    try {
      report = await runImport(app.strapi, dir);
    } finally {
      unsubscribe();
    }
    expect(report.items.map((entry) => [entry.externalId, entry.outcome, entry.documentId === null])).toEqual([
      ['batch_a', 'created', false],
      ['batch_b', 'failed', true],
      ['batch_c', 'created', false],
    ]);
    expect(itemFor(report, 'batch_b').error).toMatch(/batch_b\.txt: could not be saved: the database said no/);
    expect(report.counts).toMatchObject({ created: 2, failed: 1 });
    expect(await findArticle(app.strapi, 'batch_b')).toBeNull();
    expect(await app.strapi.db.query(SECTION).count({ where: { name: 'REFUSED SECTION' } })).toBe(0);
    expect(await app.strapi.db.query(SOURCE).count({ where: { name: 'Refused Agency' } })).toBe(0);
    expect(await app.strapi.db.query(LINK).count({ where: { title: 'First of a batch', article: { externalId: 'batch_b' } } })).toBe(0);
    const third = await findArticle(app.strapi, 'batch_c');
    expect(third!.relatedLinks.map((link: any) => [link.title, link.target?.externalId ?? null])).toEqual([['First of a batch', 'batch_a']]);

    // The next run creates it, and the first article's card finds it.
    const again = await runImport(app.strapi, dir);
    expect(again.items.map((entry) => entry.outcome)).toEqual(['unchanged', 'created', 'unchanged']);
    const first = await findArticle(app.strapi, 'batch_a');
    expect(first!.relatedLinks.map((link: any) => link.target?.externalId ?? null)).toEqual(['batch_b']);
  });

  it('refuses to start on a folder that does not exist', async () => {
    await expect(runImport(app.strapi, '/nonexistent/captures')).rejects.toThrow(/no such folder/);
  });
});
