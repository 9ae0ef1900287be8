import { describe, expect, it } from 'vitest';
import { newDocumentId } from '../../src/plugins/ingest/server/src/utils/document-id';

describe('newDocumentId', () => {
  it("has the shape of Strapi's own documentIds: 24 characters, a lowercase letter then letters and digits", () => {
    for (let index = 0; index < 2_000; index += 1) expect(newDocumentId()).toMatch(/^[a-z][a-z0-9]{23}$/);
  });

  it('does not repeat, across many pools of random bytes', () => {
    const ids = new Set(Array.from({ length: 50_000 }, newDocumentId));
    expect(ids.size).toBe(50_000);
  });

  it('draws every character of its random part about as often as the others', () => {
    const counts = new Map<string, number>();
    for (let index = 0; index < 20_000; index += 1) for (const character of newDocumentId().slice(8)) counts.set(character, (counts.get(character) ?? 0) + 1);
    expect(counts.size).toBe(36);
    const expected = (20_000 * 16) / 36;
    for (const count of counts.values()) expect(Math.abs(count - expected) / expected).toBeLessThan(0.1);
  });

  it('sorts after the ids made before it (ids of one run lie side by side in the documents index)', async () => {
    const first = newDocumentId();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const later = Array.from({ length: 100 }, () => newDocumentId());
    for (const id of later) expect(id > first).toBe(true);
    // Made within a few milliseconds: the same span letter and leading digits of the time.
    expect(new Set(later.map((id) => id.slice(0, 5))).size).toBe(1);
  });
});
