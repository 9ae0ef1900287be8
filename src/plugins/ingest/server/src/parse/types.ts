/** One block of an article body, in page order. */
export interface BodyBlock {
  type: 'paragraph' | 'heading';
  text: string;
}

export type RelatedLinkKind = 'recommended' | 'explore';

/** A recommended card or an explore-list headline. `position` is 0-based within its kind. */
export interface ParsedRelatedLink {
  kind: RelatedLinkKind;
  position: number;
  title: string;
  /** `TRT World` for `RelatedTRT World - …`; empty string when the capture names none. */
  publisher: string;
}

/** What one capture says, in the contract's field names. Absent elements are `null` or `[]`. */
export interface ParsedArticle {
  externalId: string;
  title: string;
  standfirst: string | null;
  /** ISO `YYYY-MM-DD`. */
  publicationDate: string | null;
  readingTimeMinutes: number | null;
  imageCaption: string | null;
  imageCredit: string | null;
  byline: string | null;
  /** The section label as printed, spaces normalised (`CONFLICT & PEACE PROCESSES`). */
  section: string | null;
  /** Canonical source names (`TRT World`, `Agencies`), de-duplicated, in order. */
  sources: string[];
  body: BodyBlock[];
  /** Recommended cards first, then the explore list, each in page order. */
  relatedLinks: ParsedRelatedLink[];
}

export type ParseResult =
  | { outcome: 'parsed'; article: ParsedArticle; warnings: string[] }
  | { outcome: 'failed'; externalId: string; reason: string; warnings: string[] };
