import type { ImportedField } from '../../../shared/contracts/report';
import { sourceKey } from '../parse';
import type { ParsedArticle, ParsedRelatedLink } from '../parse/types';
import { fromBlocks, toBlocks } from './blocks';
import { tooLong } from './limits';
import { nameSlug } from './slug';

export { fromBlocks, toBlocks, type BlocksValue } from './blocks';

export type LinkFields = ParsedRelatedLink;

/**
 * An article as the planner compares it: what the import wants, or what is stored now.
 * Relations are by name — the section as its label (imported) or its slug (stored), both
 * compared through `nameSlug` — so a stored value and an imported one compare directly.
 */
export type ArticleFields = Omit<ParsedArticle, 'externalId'>;

export type TrackedField = keyof ArticleFields;

/**
 * How one imported field is compared, limited and stored. A `column` is written on the draft
 * row as `toStored` gives it; a `relation` is written by the store (sections, sources, links)
 * and read back through `populate`. `fromStored` reads what the draft holds now.
 */
type FieldSpec<V> = {
  normalize: (value: V) => unknown;
  /** Why the value does not fit its column, or null (checked before writing: every database refuses the same captures). */
  limit?: (value: V) => string | null;
  fromStored: (value: unknown) => V;
} & ({ kind: 'column'; toStored?: (value: V) => unknown } | { kind: 'relation'; populate: { fields: string[] } });

type Stored = Record<string, any> | null | undefined;

const emptyToNull = <T>(value: T | null | undefined | ''): T | null => (value === undefined || value === null || value === '' ? null : value);

const toIsoDate = (value: unknown): string | null => {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'string' && value !== '') return value.slice(0, 10);
  return null;
};

const byKindThenPosition = (a: LinkFields, b: LinkFields) => (a.kind === b.kind ? a.position - b.position : a.kind === 'recommended' ? -1 : 1);

const stored = <V>(value: unknown) => value as V;

const column = <V>(spec: Partial<Pick<FieldSpec<V>, 'normalize' | 'limit'>> & { toStored?: (value: V) => unknown; fromStored?: (value: unknown) => V } = {}): FieldSpec<V> => ({
  kind: 'column',
  normalize: spec.normalize ?? ((value: V) => value),
  limit: spec.limit,
  toStored: spec.toStored,
  fromStored: spec.fromStored ?? stored,
});

/**
 * The one table of the Article fields an import sets, in the order the planner walks them (and
 * limits are reported). Hashing (plan-article), limits, the draft's columns (store/writer) and
 * what is read back from a draft (store/draft-snapshots) all follow it.
 */
export const ARTICLE_FIELDS: { readonly [K in TrackedField]: FieldSpec<ArticleFields[K]> } = {
  title: column<ArticleFields['title']>({ limit: (value) => tooLong('the headline', value) }),
  standfirst: column<ArticleFields['standfirst']>({ normalize: emptyToNull }),
  body: column<ArticleFields['body']>({ toStored: toBlocks, fromStored: fromBlocks }),
  publicationDate: column<ArticleFields['publicationDate']>({ normalize: toIsoDate }),
  readingTimeMinutes: column<ArticleFields['readingTimeMinutes']>({ normalize: emptyToNull }),
  imageCaption: column<ArticleFields['imageCaption']>({ normalize: emptyToNull }),
  imageCredit: column<ArticleFields['imageCredit']>({ normalize: emptyToNull, limit: (value) => tooLong('the image credit', value) }),
  byline: column<ArticleFields['byline']>({ normalize: emptyToNull, limit: (value) => tooLong('the byline', value) }),
  section: {
    kind: 'relation',
    populate: { fields: ['slug'] },
    fromStored: (value) => (value as Stored)?.slug ?? null,
    normalize: (value) => (value ? nameSlug(value) : null),
    limit: (value) => tooLong('the section label', value),
  },
  sources: {
    kind: 'relation',
    populate: { fields: ['name'] },
    fromStored: (value) => ((value as Stored[] | null) ?? []).map((source) => source!.name as string),
    normalize: (value) => [...new Set(value.map(sourceKey))].sort(),
    limit: (value) => value.map((name) => tooLong(`the source "${name.slice(0, 40)}…"`, name)).find(Boolean) ?? null,
  },
  relatedLinks: {
    kind: 'relation',
    populate: { fields: ['kind', 'position', 'title', 'publisher'] },
    fromStored: (value) =>
      ((value as Stored[] | null) ?? []).map((link) => ({ kind: link!.kind, position: link!.position, title: link!.title, publisher: link!.publisher ?? '' })),
    normalize: (value) => [...value].map(({ kind, position, title, publisher }) => ({ kind, position, title, publisher: publisher ?? '' })).sort(byKindThenPosition),
    limit: (value) =>
      value
        .map((link) => tooLong(`the ${link.kind} link at position ${link.position}`, link.title) ?? tooLong('a link publisher', link.publisher))
        .find(Boolean) ?? null,
  },
};

export const TRACKED_FIELDS = Object.keys(ARTICLE_FIELDS) as readonly TrackedField[];

// The shared contract names the same fields (a conflict is one of them): a compile error here means they drifted.
const sameNames: [TrackedField, ImportedField] extends [ImportedField, TrackedField] ? true : never = true;
void sameNames;

type AnySpec = FieldSpec<unknown>;
const spec = (field: TrackedField) => ARTICLE_FIELDS[field] as unknown as AnySpec;

export const fieldsFromParsed = ({ externalId: _externalId, ...fields }: ParsedArticle): ArticleFields => fields;

/** Values are compared after this, so that `''` and `null`, or sources in another order, are equal. */
export const normalizeFields = (fields: ArticleFields): Record<TrackedField, unknown> => {
  const normalized = {} as Record<TrackedField, unknown>;
  for (const field of TRACKED_FIELDS) normalized[field] = spec(field).normalize(fields[field]);
  return normalized;
};

/** Why these fields cannot be stored as they are, or null. */
export const checkFieldLimits = (fields: ArticleFields): string | null => {
  for (const field of TRACKED_FIELDS) {
    const reason = spec(field).limit?.(fields[field]);
    if (reason) return reason;
  }
  return null;
};

/** The draft row's column values of the fields a write sets (relations are the store's). */
export const columnValues = (write: Partial<ArticleFields>): Record<string, unknown> => {
  const data: Record<string, unknown> = {};
  for (const field of TRACKED_FIELDS) {
    const fieldSpec = spec(field);
    if (fieldSpec.kind !== 'column' || !(field in write)) continue;
    const value = write[field];
    data[field] = fieldSpec.toStored ? fieldSpec.toStored(value) : value;
  }
  return data;
};

/** What to populate when reading a draft back as ArticleFields. */
export const storedPopulate = (): Record<string, { fields: string[] }> =>
  Object.fromEntries(TRACKED_FIELDS.flatMap((field) => {
    const fieldSpec = spec(field);
    return fieldSpec.kind === 'relation' ? [[field, fieldSpec.populate]] : [];
  }));

/** A draft as the Document Service returns it (populated with `storedPopulate`), in the planner's terms. */
export const fieldsFromStored = (draft: Record<string, unknown>): ArticleFields =>
  Object.fromEntries(TRACKED_FIELDS.map((field) => [field, spec(field).fromStored(draft[field])])) as unknown as ArticleFields;
