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

  it('uses every character about as often as the others', () => {
    const counts = new Map<string, number>();
    for (let index = 0; index < 20_000; index += 1) for (const character of newDocumentId().slice(1)) counts.set(character, (counts.get(character) ?? 0) + 1);
    expect(counts.size).toBe(36);
    const expected = (20_000 * 23) / 36;
    for (const count of counts.values()) expect(Math.abs(count - expected) / expected).toBeLessThan(0.1);
  });
});
