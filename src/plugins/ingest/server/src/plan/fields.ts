import type { BodyBlock, ParsedArticle, ParsedRelatedLink } from '../parse/types';
import { sourceKey } from '../parse';
import { nameSlug } from './slug';

/** Strapi's rich-text (blocks) value, as the importer writes it. */
export type BlocksValue = Array<
  | { type: 'paragraph'; children: Array<{ type: 'text'; text: string }> }
  | { type: 'heading'; level: 2; children: Array<{ type: 'text'; text: string }> }
>;

export type LinkFields = ParsedRelatedLink;

/**
 * An article as the planner compares it: what the import wants, or what is stored now.
 * Relations are by name — the section as its label (imported) or its slug (stored), both
 * compared through `nameSlug` — so a stored value and an imported one compare directly.
 */
export type ArticleFields = Omit<ParsedArticle, 'externalId'>;

export type TrackedField = keyof ArticleFields;

export const TRACKED_FIELDS: readonly TrackedField[] = [
  'title',
  'standfirst',
  'body',
  'publicationDate',
  'readingTimeMinutes',
  'imageCaption',
  'imageCredit',
  'byline',
  'section',
  'sources',
  'relatedLinks',
];

export const fieldsFromParsed = ({ externalId: _externalId, ...fields }: ParsedArticle): ArticleFields => fields;

export const toBlocks = (body: BodyBlock[]): BlocksValue =>
  body.map((block) =>
    block.type === 'heading'
      ? { type: 'heading', level: 2, children: [{ type: 'text', text: block.text }] }
      : { type: 'paragraph', children: [{ type: 'text', text: block.text }] }
  );

interface BlockNode {
  type?: string;
  text?: string;
  children?: BlockNode[];
}

const textOf = (node: BlockNode): string =>
  typeof node.text === 'string' ? node.text : (node.children ?? []).map(textOf).join('');

/**
 * Reads a stored blocks value back as paragraphs and headings. Editors' saves may add marks or
 * split text nodes; only the words and the block kinds count as a change.
 */
export const fromBlocks = (value: unknown): BodyBlock[] => {
  if (!Array.isArray(value)) return [];
  return (value as BlockNode[]).map((block) => ({
    type: block.type === 'heading' ? 'heading' : 'paragraph',
    text: textOf(block),
  }));
};

const emptyToNull = <T>(value: T | null | undefined | ''): T | null =>
  value === undefined || value === null || value === '' ? null : value;

const toIsoDate = (value: unknown): string | null => {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'string' && value !== '') return value.slice(0, 10);
  return null;
};

/** Values are compared after this, so that `''` and `null`, or sources in another order, are equal. */
export const normalizeFields = (fields: ArticleFields): ArticleFields => ({
  title: fields.title,
  standfirst: emptyToNull(fields.standfirst),
  body: fields.body,
  publicationDate: toIsoDate(fields.publicationDate),
  readingTimeMinutes: emptyToNull(fields.readingTimeMinutes),
  imageCaption: emptyToNull(fields.imageCaption),
  imageCredit: emptyToNull(fields.imageCredit),
  byline: emptyToNull(fields.byline),
  section: fields.section ? nameSlug(fields.section) : null,
  sources: [...new Set(fields.sources.map(sourceKey))].sort(),
  relatedLinks: [...fields.relatedLinks]
    .map(({ kind, position, title, publisher }) => ({ kind, position, title, publisher: publisher ?? '' }))
    .sort((a, b) => (a.kind === b.kind ? a.position - b.position : a.kind === 'recommended' ? -1 : 1)),
});
