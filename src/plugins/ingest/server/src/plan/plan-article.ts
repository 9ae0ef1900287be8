import { TRACKED_FIELDS, normalizeFields, type ArticleFields, type TrackedField } from './fields';
import { hashValue } from './hash';
import type { CapturedValues } from './conflicts';

export type FieldHashes = Partial<Record<TrackedField, string>>;

export interface ArticlePlan {
  action: 'create' | 'update' | 'unchanged';
  /** The fields to write (all of them on create). */
  write: Partial<ArticleFields>;
  /** Fields an editor changed that the import would have changed too: the editor's value stays. */
  conflicts: TrackedField[];
  /** The capture's value of each conflict, for the editor to take or keep. */
  captured: CapturedValues;
  /** Conflicts an editor kept whose capture value is still the one kept: not reported. */
  kept: FieldHashes;
  /** Field hashes to remember after the write. */
  fields: FieldHashes;
}

export const hashFields = (fields: ArticleFields): FieldHashes => {
  const normalized = normalizeFields(fields);
  const hashes: FieldHashes = {};
  for (const field of TRACKED_FIELDS) hashes[field] = hashValue(normalized[field]);
  return hashes;
};

/**
 * Decides, field by field, what an import writes over a stored article.
 *
 * A field whose stored value no longer matches what the import last wrote was changed by an
 * editor: it keeps the editor's value (a conflict, when the import's value differs) unless
 * `force`. A conflict the editor chose to keep (`kept`: the hash of the capture's value then)
 * is not reported while the capture's value stays that one. Without a stored article
 * everything is written.
 */
export const planArticleWrite = (input: {
  desired: ArticleFields;
  current: ArticleFields | null;
  lastWritten: FieldHashes | null;
  kept?: FieldHashes | null;
  force: boolean;
}): ArticlePlan => {
  const wanted = hashFields(input.desired);
  if (input.current === null) {
    return { action: 'create', write: input.desired, conflicts: [], captured: {}, kept: {}, fields: wanted };
  }

  const stored = hashFields(input.current);
  const lastWritten = input.lastWritten ?? {};
  const write: Partial<ArticleFields> = {};
  const conflicts: TrackedField[] = [];
  const captured: CapturedValues = {};
  const kept: FieldHashes = {};
  const fields: FieldHashes = { ...lastWritten };

  for (const field of TRACKED_FIELDS) {
    if (wanted[field] === stored[field]) {
      fields[field] = wanted[field];
      continue;
    }
    // No memory of a field (an article made by hand, or an older state) counts as the import's own.
    const editorChanged = lastWritten[field] !== undefined && lastWritten[field] !== stored[field];
    if (editorChanged && !input.force) {
      if (input.kept?.[field] === wanted[field]) {
        kept[field] = wanted[field];
        continue;
      }
      conflicts.push(field);
      (captured as Record<string, unknown>)[field] = { hash: wanted[field], value: input.desired[field] };
      continue;
    }
    (write as Record<string, unknown>)[field] = input.desired[field];
    fields[field] = wanted[field];
  }

  const action = Object.keys(write).length > 0 ? 'update' : 'unchanged';
  return { action, write, conflicts, captured, kept, fields };
};
