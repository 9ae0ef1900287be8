import { describe, expect, it } from 'vitest';
import { articleFields } from '../helpers/article-fields';
import {
  ARTICLE_FIELDS,
  TRACKED_FIELDS,
  checkFieldLimits,
  columnValues,
  fieldsFromStored,
  storedPopulate,
  type ArticleFields,
} from '../../src/plugins/ingest/server/src/plan/fields';
import { hashFields } from '../../src/plugins/ingest/server/src/plan/plan-article';

const article = (overrides: Partial<ArticleFields> = {}): ArticleFields =>
  articleFields({ body: [{ type: 'paragraph', text: 'The first paragraph.' }, { type: 'heading', text: 'A subhead' }], ...overrides });

describe('the table of imported Article fields', () => {
  it('names every field of a parsed article but its external id', () => {
    expect([...TRACKED_FIELDS].sort()).toEqual(Object.keys(article()).sort());
    expect(TRACKED_FIELDS).toEqual(Object.keys(ARTICLE_FIELDS));
  });

  it('gives the draft row its columns (the body as blocks) and leaves relations to the store', () => {
    const data = columnValues(article());
    expect(Object.keys(data).sort()).toEqual(['body', 'byline', 'imageCaption', 'imageCredit', 'publicationDate', 'readingTimeMinutes', 'standfirst', 'title']);
    expect(data.body).toEqual([
      { type: 'paragraph', children: [{ type: 'text', text: 'The first paragraph.' }] },
      { type: 'heading', level: 2, children: [{ type: 'text', text: 'A subhead' }] },
    ]);
    expect(columnValues({ standfirst: null })).toEqual({ standfirst: null });
  });

  it('populates the relations it reads back, and reads a stored draft as the same fields', () => {
    expect(storedPopulate()).toEqual({
      section: { fields: ['slug'] },
      sources: { fields: ['name'] },
      relatedLinks: { fields: ['kind', 'position', 'title', 'publisher'] },
    });
    const stored = {
      ...columnValues(article()),
      standfirst: 'Ferries will run until 2 am on weekends.',
      section: { slug: 'travel' },
      sources: [{ name: 'Agencies' }, { name: 'TRT World' }],
      relatedLinks: [{ kind: 'explore', position: 0, title: 'Another story', publisher: null }],
    };
    expect(hashFields(fieldsFromStored(stored))).toEqual(hashFields(article()));
  });

  it('refuses values longer than their column, naming the first one in table order', () => {
    expect(checkFieldLimits(article())).toBeNull();
    const long = 'x'.repeat(256);
    expect(checkFieldLimits(article({ byline: long, imageCredit: long }))).toBe('the image credit is 256 characters long, above the limit of 255');
    expect(checkFieldLimits(article({ sources: ['TRT World', long] }))).toMatch(/^the source "x{40}…" is 256 characters long/);
    expect(checkFieldLimits(article({ relatedLinks: [{ kind: 'recommended', position: 3, title: long, publisher: '' }] }))).toMatch(
      /^the recommended link at position 3 is 256/
    );
    // A text column has no such limit.
    expect(checkFieldLimits(article({ standfirst: long, imageCaption: long }))).toBeNull();
  });
});
