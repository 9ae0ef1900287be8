import type { ArticleFields, TrackedField } from './fields';

/** Editors' names for the imported fields, as the Content Manager labels them. */
export const FIELD_LABELS: Record<TrackedField, string> = {
  title: 'Headline',
  standfirst: 'Standfirst',
  body: 'Body',
  publicationDate: 'Publication date',
  readingTimeMinutes: 'Reading time (minutes)',
  imageCaption: 'Image caption',
  imageCredit: 'Image credit',
  byline: 'Byline',
  section: 'Section',
  sources: 'Sources',
  relatedLinks: 'Related links',
};

/**
 * A field's value as an editor reads it, to compare two versions: rich text as paragraphs
 * (headings marked `## `), relations by name, nothing as null.
 */
export const readableValue = <Field extends TrackedField>(field: Field, value: ArticleFields[Field] | null | undefined): string | null => {
  if (value === null || value === undefined || value === '') return null;
  switch (field) {
    case 'body': {
      const blocks = value as ArticleFields['body'];
      return blocks.length === 0 ? null : blocks.map((block) => (block.type === 'heading' ? `## ${block.text}` : block.text)).join('\n\n');
    }
    case 'sources': {
      const names = value as ArticleFields['sources'];
      return names.length === 0 ? null : names.join(', ');
    }
    case 'relatedLinks': {
      const links = value as ArticleFields['relatedLinks'];
      if (links.length === 0) return null;
      return links.map((link) => `${link.kind} ${link.position + 1}: ${link.title}${link.publisher ? ` (${link.publisher})` : ''}`).join('\n');
    }
    default:
      return String(value);
  }
};
