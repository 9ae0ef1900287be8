import type { TrackedField } from './fields';

/**
 * What the importer remembers on each article (a private field): enough to tell an unchanged
 * capture without parsing it, and an editor's change from its own.
 */
export interface ImportState {
  /** IMPORT_FORMAT_VERSION when this was written: another version re-checks everything. */
  version: number;
  /** Hash of the capture's bytes last imported. */
  rawHash: string;
  /** `size:mtimeMs` of that file: the same stamp again means the same file, unread. */
  fileStamp?: string | null;
  /** Hash of headline, date and body: the same story under another external id is a duplicate. */
  storyKey: string;
  /** Hash of each field's value as the import last set it. */
  fields: Partial<Record<TrackedField, string>>;
  /** The draft's `updatedAt` (ms) right after the import wrote it: a later one means an editor saved. */
  writtenAt: number;
  /** The file last imported, relative to the import folder. */
  file: string;
  /** The capture's warnings at that write: an unchanged capture still has them. */
  warnings?: string[];
  /** Fields left with an editor's value at that write: still conflicts while the capture is unchanged. */
  conflicts?: TrackedField[];
}

export const isImportState = (value: unknown): value is ImportState =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as ImportState).version === 'number' &&
  typeof (value as ImportState).rawHash === 'string' &&
  typeof (value as ImportState).fields === 'object';
