import { describe, expect, it } from 'vitest';
import { articleFields } from '../helpers/article-fields';
import { hashFields, planArticleWrite } from '../../src/plugins/ingest/server/src/plan/plan-article';
import { formatStamp, isStamp, parseStamp, sameFileFlags, stampDocumentId, stampOf, STAMP_CONFLICTS, STAMP_WARNINGS, type ImportState } from '../../src/plugins/ingest/server/src/plan/state';

const article = articleFields;

describe('planArticleWrite', () => {
  it('creates everything when nothing is stored', () => {
    const desired = article();
    const plan = planArticleWrite({ desired, current: null, lastWritten: null, force: false });
    expect(plan).toEqual({ action: 'create', write: desired, conflicts: [], captured: {}, kept: {}, fields: hashFields(desired) });
  });

  it('writes nothing when the stored article already matches, however its relations are spelled', () => {
    const stored = article({ section: 'travel', sources: ['Agencies', 'TRT World'] });
    const plan = planArticleWrite({ desired: article(), current: stored, lastWritten: hashFields(article()), force: false });
    expect(plan.action).toBe('unchanged');
    expect(plan.write).toEqual({});
  });

  it('writes only the fields the capture changed', () => {
    const before = article();
    const plan = planArticleWrite({
      desired: article({ standfirst: 'Ferries will run until 3 am.' }),
      current: before,
      lastWritten: hashFields(before),
      force: false,
    });
    expect(plan).toMatchObject({ action: 'update', write: { standfirst: 'Ferries will run until 3 am.' }, conflicts: [] });
    expect(plan.fields.standfirst).toBe(hashFields(article({ standfirst: 'Ferries will run until 3 am.' })).standfirst);
  });

  it("keeps an editor's field as a conflict and still takes the others; force takes them all", () => {
    const imported = article();
    const edited = article({ standfirst: 'Edited by the night desk.' });
    const desired = article({ standfirst: 'Ferries will run until 4 am.', title: 'Harbour ferry line adds more crossings' });
    const plan = planArticleWrite({ desired, current: edited, lastWritten: hashFields(imported), force: false });
    expect(plan).toMatchObject({ action: 'update', write: { title: desired.title }, conflicts: ['standfirst'] });
    // What the import last wrote stays remembered for the kept field.
    expect(plan.fields.standfirst).toBe(hashFields(imported).standfirst);

    const forced = planArticleWrite({ desired, current: edited, lastWritten: hashFields(imported), force: true });
    expect(forced).toMatchObject({ action: 'update', write: { title: desired.title, standfirst: desired.standfirst }, conflicts: [] });
  });

  it('counts a field with no memory of its last write as the import own (an article made by hand)', () => {
    const plan = planArticleWrite({ desired: article(), current: article({ byline: 'By hand' }), lastWritten: {}, force: false });
    expect(plan).toMatchObject({ action: 'update', write: { byline: null }, conflicts: [] });
  });
});

describe('the import stamp', () => {
  const state: ImportState = {
    version: 1,
    rawHash: 'bcbe3c8f63da587e11f4756db6ce107a',
    fileStamp: '4641:1795868356546.3276',
    storyKey: 'df645bfd2ab3aa3be5a38ccae00e5a1b',
    file: 'nested/story.txt',
    warnings: [],
    conflicts: [],
    fields: {},
    writtenAt: 1795868882943,
  };

  const documentId = 'b6bimif2rn070wpgv2ij5jkw';

  it('reads back what it wrote, flags and documentId included', () => {
    const text = formatStamp(stampOf(state, documentId));
    expect(text).toBe(`1 1795868882943 bcbe3c8f63da587e11f4756db6ce107a df645bfd2ab3aa3be5a38ccae00e5a1b - 4641:1795868356546.3276 ${documentId}`);
    expect(parseStamp(text)).toEqual({
      version: 1,
      writtenAt: 1795868882943,
      rawHash: 'bcbe3c8f63da587e11f4756db6ce107a',
      storyKey: 'df645bfd2ab3aa3be5a38ccae00e5a1b',
      fileStamp: '4641:1795868356546.3276',
      hasWarnings: false,
      hasConflicts: false,
      documentId,
    });
    expect(stampDocumentId(text)).toBe(documentId);
    const noted = { ...state, fileStamp: null, warnings: ['no dateline'], conflicts: ['title' as const] };
    const pushed = formatStamp(stampOf(noted, documentId));
    expect(parseStamp(pushed)).toMatchObject({ fileStamp: null, hasWarnings: true, hasConflicts: true, documentId });
    expect(stampDocumentId(pushed)).toBe(documentId);
  });

  it('still reads a stamp written before it held the documentId, as having none', () => {
    const old = '1 1795868882943 bcbe3c8f63da587e11f4756db6ce107a df645bfd2ab3aa3be5a38ccae00e5a1b w 4641:1795868356546.3276';
    expect(parseStamp(old)).toMatchObject({ fileStamp: '4641:1795868356546.3276', hasWarnings: true, documentId: null });
    expect(sameFileFlags(old, 1, 1795868882943, '4641:1795868356546.3276')).toBe(STAMP_WARNINGS);
    expect(stampDocumentId(old)).toBeNull();
    expect(stampDocumentId('1 1795868882943 bcbe df64 - ')).toBeNull();
    expect(stampDocumentId(null)).toBeNull();
    // A documentId that is not one word is left out rather than written.
    expect(stampOf(state, 'two words').documentId).toBeNull();
  });

  it('fits the varchar(255) column it is stored in', () => {
    const long = { ...state, fileStamp: `${Number.MAX_SAFE_INTEGER}:${Number.MAX_VALUE}`, warnings: ['w'], conflicts: ['title' as const] };
    expect(formatStamp(stampOf(long, 'x'.repeat(64))).length).toBeLessThan(255);
  });

  it('is null for no stamp or anything it did not write', () => {
    for (const text of [null, undefined, '', 'garbage', '1 2 3', '1 x bcbe df64 - 1:2', '1 2 bcbe - 1:2', 42]) {
      expect(parseStamp(text)).toBeNull();
      expect(isStamp(text)).toBe(false);
    }
  });

  it('answers whether a draft is as last written from the same file (sameFileFlags) as parseStamp does', () => {
    /** What the importer decided from a parsed stamp: the flags when the same file wrote it in this format and no one saved since, else -1. */
    const byParsing = (text: string | null, version: number, updatedAt: number, fileStamp: string) => {
      const stamp = parseStamp(text);
      if (stamp === null || stamp.version !== version || stamp.writtenAt !== updatedAt || stamp.fileStamp !== fileStamp) return -1;
      return (stamp.hasWarnings ? STAMP_WARNINGS : 0) | (stamp.hasConflicts ? STAMP_CONFLICTS : 0);
    };
    let seed = 5;
    const random = (below: number) => Math.floor(((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * below);
    const pick = <T>(values: T[]) => values[random(values.length)];
    for (let round = 0; round < 20_000; round += 1) {
      const fields = {
        ...state,
        version: pick([1, 2, 10]),
        writtenAt: pick([0, 1795868882943, 1795868882944]),
        fileStamp: pick([null, '4641:1795868356546.3276', '4641:1795868356546', '12:3']),
        warnings: pick([[], ['w']]),
        conflicts: pick([[], ['title' as const]]),
      };
      // Half of them as written before stamps held the documentId.
      const written = { ...stampOf(fields, documentId), documentId: pick([documentId, null]) };
      let text: string | null = formatStamp(written);
      // Stamps written by hand, or damaged: whatever sameFileFlags reads must be read as parseStamp reads it.
      if (random(3) === 0) text = pick([null, '', `${text} `, text.replace(' ', '  '), text.replace(/ [wc-]+ /, ' cw '), text.replace(/ [wc-]+ /, ' x '), text.slice(0, -1), `${text}x`, text.replace(/[0-9a-f]{32}/, 'BCBE'), `${text} x`, `${text}  `, text.replace(` ${documentId}`, '')]);
      const version = pick([1, 2]);
      const updatedAt = pick([1795868882943, 1795868882944]);
      const fileStamp = pick(['4641:1795868356546.3276', '4641:1795868356546', '12:3', '2:3']);
      const quick = sameFileFlags(text, version, updatedAt, fileStamp);
      const parsed = byParsing(text, version, updatedAt, fileStamp);
      // It may leave a stamp to parseStamp (-1), never answer otherwise; and it reads every stamp formatStamp writes.
      if (quick !== -1 || text === formatStamp(written)) expect(quick).toBe(parsed);
      // The documentId the catalog cuts from a stamp is the one parseStamp reads.
      const read = parseStamp(text);
      if (read !== null) expect(stampDocumentId(text)).toBe(read.documentId);
    }
  });
});
