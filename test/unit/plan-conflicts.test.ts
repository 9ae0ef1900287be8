import { describe, expect, it } from 'vitest';
import { articleFields } from '../helpers/article-fields';
import type { ArticleFields } from '../../src/plugins/ingest/server/src/plan/fields';
import { conflictStateChanged, settleConflict } from '../../src/plugins/ingest/server/src/plan/conflicts';
import { hashFields, planArticleWrite } from '../../src/plugins/ingest/server/src/plan/plan-article';
import { readableValue } from '../../src/plugins/ingest/server/src/plan/readable';
import type { ImportState } from '../../src/plugins/ingest/server/src/plan/state';

const article = (overrides: Partial<ArticleFields> = {}): ArticleFields => articleFields({ sources: ['TRT World'], relatedLinks: [], ...overrides });

const imported = article();
const edited = article({ standfirst: 'Edited by the night desk.' });
const newer = article({ standfirst: 'Ferries will run until 4 am.' });

const stateAfter = (plan: ReturnType<typeof planArticleWrite>): ImportState => ({
  version: 2,
  rawHash: 'r',
  storyKey: 's',
  file: 'story.txt',
  writtenAt: 1,
  fields: plan.fields,
  conflicts: plan.conflicts,
  captured: plan.captured,
  kept: plan.kept,
});

describe('conflicts in the plan', () => {
  it("carries the capture's value of each conflict, with its hash", () => {
    const plan = planArticleWrite({ desired: newer, current: edited, lastWritten: hashFields(imported), force: false });
    expect(plan.conflicts).toEqual(['standfirst']);
    expect(plan.captured).toEqual({ standfirst: { hash: hashFields(newer).standfirst, value: 'Ferries will run until 4 am.' } });
    expect(plan.kept).toEqual({});
    expect(plan.action).toBe('unchanged');
  });

  it('does not report a kept conflict while the capture says the same, and reports it again once it changes', () => {
    const kept = { standfirst: hashFields(newer).standfirst! };
    const quiet = planArticleWrite({ desired: newer, current: edited, lastWritten: hashFields(imported), kept, force: false });
    expect(quiet).toMatchObject({ action: 'unchanged', write: {}, conflicts: [], captured: {}, kept });

    const newest = article({ standfirst: 'Ferries will run all night.' });
    const again = planArticleWrite({ desired: newest, current: edited, lastWritten: hashFields(imported), kept, force: false });
    expect(again).toMatchObject({ action: 'unchanged', conflicts: ['standfirst'], captured: { standfirst: { value: 'Ferries will run all night.' } }, kept: {} });
    // The editor's value is still what stays in the draft.
    expect(again.write).toEqual({});
  });

  it('forgets a kept conflict once the editor and the capture agree, or with force', () => {
    const kept = { standfirst: hashFields(newer).standfirst! };
    const agreed = planArticleWrite({ desired: newer, current: newer, lastWritten: hashFields(imported), kept, force: false });
    expect(agreed).toMatchObject({ conflicts: [], kept: {} });
    const forced = planArticleWrite({ desired: newer, current: edited, lastWritten: hashFields(imported), kept, force: true });
    expect(forced).toMatchObject({ action: 'update', write: { standfirst: newer.standfirst }, conflicts: [], captured: {}, kept: {} });
  });
});

describe('settleConflict', () => {
  const open = stateAfter(planArticleWrite({ desired: newer, current: edited, lastWritten: hashFields(imported), force: false }));

  it("keeps: remembers the capture's hash as kept, the conflict closed, what the import last wrote unchanged", () => {
    const settled = settleConflict(open, 'standfirst', 'keep');
    expect(settled).toMatchObject({ conflicts: [], captured: {}, kept: { standfirst: hashFields(newer).standfirst } });
    expect(settled.fields.standfirst).toBe(hashFields(imported).standfirst);
    // The next import of the same capture reports nothing.
    const next = planArticleWrite({ desired: newer, current: edited, lastWritten: settled.fields, kept: settled.kept, force: false });
    expect(next.conflicts).toEqual([]);
    expect(conflictStateChanged(settled, next)).toBe(false);
  });

  it("takes: the capture's value becomes the import's own, so later captures update the field again", () => {
    const settled = settleConflict({ ...open, kept: { byline: 'x' } }, 'standfirst', 'take');
    expect(settled).toMatchObject({ conflicts: [], captured: {}, kept: { byline: 'x' } });
    expect(settled.fields.standfirst).toBe(hashFields(newer).standfirst);
    const next = planArticleWrite({ desired: newer, current: newer, lastWritten: settled.fields, kept: settled.kept, force: false });
    expect(next).toMatchObject({ action: 'unchanged', conflicts: [] });
    const later = article({ standfirst: 'Ferries stop at midnight again.' });
    expect(planArticleWrite({ desired: later, current: newer, lastWritten: settled.fields, force: false })).toMatchObject({
      action: 'update',
      write: { standfirst: later.standfirst },
      conflicts: [],
    });
  });

  it('refuses a field with no open conflict', () => {
    expect(() => settleConflict(open, 'title', 'take')).toThrow(/no open conflict on title/);
  });
});

describe('conflictStateChanged', () => {
  const plan = planArticleWrite({ desired: newer, current: edited, lastWritten: hashFields(imported), force: false });

  it('is false for the state the plan itself produced', () => {
    expect(conflictStateChanged(stateAfter(plan), plan)).toBe(false);
  });

  it('is true when the state lacks the conflicts, their values, or lists a kept one the plan dropped', () => {
    expect(conflictStateChanged({ ...stateAfter(plan), conflicts: [], captured: {} }, plan)).toBe(true);
    expect(conflictStateChanged({ ...stateAfter(plan), captured: {} }, plan)).toBe(true);
    expect(conflictStateChanged({ ...stateAfter(plan), kept: { title: 'h' } }, plan)).toBe(true);
    expect(conflictStateChanged(null, plan)).toBe(true);
  });
});

describe('readableValue', () => {
  it('shows rich text as paragraphs, headings marked, relations by name, nothing as null', () => {
    expect(
      readableValue('body', [
        { type: 'paragraph', text: 'First.' },
        { type: 'heading', text: 'What next' },
        { type: 'paragraph', text: 'Second.' },
      ])
    ).toBe('First.\n\n## What next\n\nSecond.');
    expect(readableValue('sources', ['TRT World', 'Agencies'])).toBe('TRT World, Agencies');
    expect(readableValue('relatedLinks', [{ kind: 'recommended', position: 0, title: 'Another', publisher: 'TRT World' }])).toBe('recommended 1: Another (TRT World)');
    expect(readableValue('standfirst', null)).toBeNull();
    expect(readableValue('body', [])).toBeNull();
    expect(readableValue('readingTimeMinutes', 3)).toBe('3');
  });
});
