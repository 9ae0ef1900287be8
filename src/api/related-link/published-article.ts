/**
 * A related link has no Draft & Publish of its own: it is public exactly when its article has a
 * published version. These filters say so, in the two shapes the content API accepts.
 */
export const PUBLISHED_ARTICLE = { article: { publishedAt: { $notNull: true } } };

const PUBLISHED_ARTICLE_GRAPHQL = { article: { publishedAt: { notNull: true } } };

const hasFilters = (filters: unknown): filters is Record<string, unknown> =>
  typeof filters === 'object' && filters !== null && Object.keys(filters).length > 0;

/** REST and Document Service filters, narrowed to links of published articles. */
export const withPublishedArticle = (filters: unknown) =>
  hasFilters(filters) ? { $and: [filters, PUBLISHED_ARTICLE] } : PUBLISHED_ARTICLE;

/** GraphQL `RelatedLinkFiltersInput`, narrowed the same way. */
export const withPublishedArticleGraphql = (filters: unknown) =>
  hasFilters(filters) ? { and: [filters, PUBLISHED_ARTICLE_GRAPHQL] } : PUBLISHED_ARTICLE_GRAPHQL;
