import { describe, expect, it } from 'vitest';
import { planLinkChanges, type CurrentLink, type WantedLink } from '../../src/plugins/ingest/server/src/plan/link-changes';

const stored = (id: number, kind: 'recommended' | 'explore', position: number, title: string, target: string | null = null): CurrentLink => ({
  id,
  kind,
  position,
  title,
  publisher: '',
  target,
});
const wanted = (kind: 'recommended' | 'explore', position: number, title: string, target: string | null = null): WantedLink => ({ kind, position, title, publisher: '', target });

describe('planLinkChanges', () => {
  const current = [stored(1, 'recommended', 0, 'Card'), stored(2, 'explore', 0, 'First', 'doc-a'), stored(3, 'explore', 1, 'Second'), stored(4, 'explore', 2, 'Third')];

  it('changes nothing when the links are the same, in any order', () => {
    const same = [wanted('explore', 1, 'Second'), wanted('explore', 0, 'First', 'doc-a'), wanted('explore', 2, 'Third'), wanted('recommended', 0, 'Card')];
    expect(planLinkChanges(current, new Set(), same)).toEqual({ create: [], update: [], retarget: [], detach: [], remove: [] });
  });

  it('rewrites only the entries that differ, removes the surplus and creates what is missing', () => {
    const next = [wanted('recommended', 0, 'Card'), wanted('explore', 0, 'First', 'doc-b'), wanted('explore', 1, 'New second')];
    expect(planLinkChanges(current, new Set(), next)).toEqual({
      create: [],
      update: [{ id: 3, kind: 'explore', position: 1, title: 'New second', publisher: '' }],
      retarget: [{ id: 2, target: 'doc-b' }],
      detach: [],
      remove: [4],
    });
    const longer = [...next, wanted('explore', 2, 'Third'), wanted('explore', 3, 'Fourth', 'doc-c')];
    expect(planLinkChanges(current, new Set(), longer).create).toEqual([wanted('explore', 3, 'Fourth', 'doc-c')]);
  });

  it('never edits or removes an entry the published version shows: the draft lets go of it', () => {
    const next = [wanted('recommended', 0, 'Card'), wanted('explore', 0, 'First', 'doc-a'), wanted('explore', 1, 'New second')];
    expect(planLinkChanges(current, new Set([3, 4]), next)).toEqual({
      create: [wanted('explore', 1, 'New second')],
      update: [],
      retarget: [],
      detach: [3, 4],
      remove: [],
    });
  });
});
