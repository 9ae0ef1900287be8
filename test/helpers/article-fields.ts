import type { ArticleFields } from '../../src/plugins/ingest/server/src/plan/fields';

/** An imported article's fields in the planner's terms, for pure tests; `overrides` replace whole fields. */
export const articleFields = (overrides: Partial<ArticleFields> = {}): ArticleFields => ({
  title: 'Harbour ferry line adds night crossings',
  standfirst: 'Ferries will run until 2 am on weekends.',
  publicationDate: '2025-05-01',
  readingTimeMinutes: 2,
  imageCaption: 'A ferry at the pier',
  imageCredit: 'Reuters',
  byline: null,
  section: 'TRAVEL',
  sources: ['TRT World', 'Agencies'],
  body: [{ type: 'paragraph', text: 'The first paragraph.' }],
  relatedLinks: [{ kind: 'explore', position: 0, title: 'Another story', publisher: '' }],
  ...overrides,
});
