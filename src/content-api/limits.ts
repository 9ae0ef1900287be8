/** What one public request may cost. README "Content API" lists them. */
export const CONTENT_API_LIMITS = {
  /** `populate` nesting, dotted forms included: `relatedLinks.target.section` is 3. */
  populateDepth: 3,
  /** Relations crossed by one filter (each is a join; a dozen joins of a big table never end). */
  filterJoins: 4,
  /** Rows of one populated to-many relation, as for a page. */
  populatedRows: 100,
} as const;
