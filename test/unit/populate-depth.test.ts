import { describe, expect, it } from 'vitest';
import { populateDepth } from '../../src/content-api/populate';

describe('populateDepth', () => {
  it('counts the levels of every form a REST populate takes', () => {
    expect(populateDepth(undefined)).toBe(0);
    expect(populateDepth('*')).toBe(1);
    expect(populateDepth('section')).toBe(1);
    expect(populateDepth('section,relatedLinks.target.section')).toBe(3);
    expect(populateDepth(['section', 'relatedLinks.target'])).toBe(2);
    expect(populateDepth({ relatedLinks: true })).toBe(1);
    expect(populateDepth({ relatedLinks: { populate: { target: true } } })).toBe(2);
    expect(populateDepth({ relatedLinks: { populate: '*' } })).toBe(2);
    expect(populateDepth({ section: '*' })).toBe(2);
    expect(populateDepth({ 'relatedLinks.target': { populate: { section: { populate: ['articles'] } } } })).toBe(4);
    expect(populateDepth({ relatedLinks: { populate: { target: { populate: 'section.articles' } } } })).toBe(4);
    expect(populateDepth({ section: false, sources: 'false' })).toBe(0);
  });

  it('reaches sixty levels without the schema, at once', () => {
    const dotted = Array.from({ length: 60 }, (_, index) => (index % 2 ? 'article' : 'relatedLinks')).join('.');
    expect(populateDepth(dotted)).toBe(60);
  });
});
