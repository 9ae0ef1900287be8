import type { TrackedField } from './fields';
import type { CapturedValues } from './conflicts';
import type { FieldHashes } from './plan-article';

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
  /** The file last imported, relative to the import folder; null for a pushed capture. */
  file: string | null;
  /** The capture's warnings at that write: an unchanged capture still has them. */
  warnings?: string[];
  /** Fields left with an editor's value at that write: still conflicts while the capture is unchanged. */
  conflicts?: TrackedField[];
  /** The capture's value of each of those conflicts: the editor may take it (Content Manager's Import panel). */
  captured?: CapturedValues;
  /** Conflicts an editor kept: the hash of the capture's value then; reported again once the capture changes. */
  kept?: FieldHashes;
  /**
   * The run (its documentId) that last wrote this state: created or updated the article, or
   * re-checked the same content from other bytes. A run that finds the capture unchanged
   * writes nothing, so every later run left the article as that one did. Absent in states
   * written before it was kept.
   */
  runId?: string;
}

export const isImportState = (value: unknown): value is ImportState =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as ImportState).version === 'number' &&
  typeof (value as ImportState).rawHash === 'string' &&
  typeof (value as ImportState).fields === 'object';

/**
 * The part of the import state a run needs for every article — to decide an unchanged capture,
 * to know a story already imported — in one short private column (`importStamp`) that a
 * database index covers together with `externalId` and `updatedAt`: an import that finds
 * nothing changed reads that index only, never the articles' rows. The whole state (field
 * hashes, warnings…) is read only for the articles a run looks at more closely.
 */
export interface ImportStamp {
  version: number;
  writtenAt: number;
  rawHash: string;
  storyKey: string;
  fileStamp: string | null;
  /** The state lists warnings: an unchanged capture reports them, so read the whole state. */
  hasWarnings: boolean;
  /** The state lists conflicts: likewise, and `--force` writes over them. */
  hasConflicts: boolean;
  /**
   * The draft's documentId: an unchanged capture's report names it without a look at Strapi's
   * documents index (a second select of every article at each run). Null in stamps written
   * before it was kept.
   */
  documentId: string | null;
}

/** A documentId the stamp can hold: one word (Strapi's are 24 letters and digits). */
const STAMP_WORD = /^\S{1,64}$/;

export const stampOf = (state: ImportState, documentId: string): ImportStamp => ({
  version: state.version,
  writtenAt: state.writtenAt,
  rawHash: state.rawHash,
  storyKey: state.storyKey,
  fileStamp: state.fileStamp ?? null,
  hasWarnings: (state.warnings ?? []).length > 0,
  hasConflicts: (state.conflicts ?? []).length > 0,
  documentId: STAMP_WORD.test(documentId) ? documentId : null,
});

/**
 * `version writtenAt rawHash storyKey flags fileStamp documentId`, e.g.
 * `1 1764322800000 9f2c… df64… wc 5120:1764322799000.5 b6bimif2rn070wpgv2ij5jkw` (the file stamp
 * is empty for a pushed capture; a stamp written before documentIds were kept ends after it).
 */
export const formatStamp = (stamp: ImportStamp): string => {
  const flags = `${stamp.hasWarnings ? 'w' : ''}${stamp.hasConflicts ? 'c' : ''}` || '-';
  const fields = [stamp.version, stamp.writtenAt, stamp.rawHash, stamp.storyKey, flags, stamp.fileStamp ?? ''];
  return (stamp.documentId === null ? fields : [...fields, stamp.documentId]).join(' ');
};

/**
 * The documentId a stamp holds (its seventh field), or null when it holds none (written before
 * they were kept, or no stamp). Cut from the stamp without reading it as a whole: the catalog
 * asks it of every draft (a stamp parseStamp refuses is never read for its documentId).
 */
export const stampDocumentId = (text: string | null): string | null => {
  if (text === null) return null;
  let at = -1;
  for (let field = 0; field < 6; field += 1) {
    at = text.indexOf(' ', at + 1);
    if (at === -1) return null;
  }
  return at + 1 < text.length ? text.slice(at + 1) : null;
};

/** sameFileFlags: the stamp lists warnings. */
export const STAMP_WARNINGS = 1;
/** sameFileFlags: the stamp lists conflicts. */
export const STAMP_CONFLICTS = 2;

/**
 * What `parseStamp(text)` says, asked only whether the draft is as the import last wrote it
 * from this very file: a stamp of format `version`, written at `updatedAt` (no editor saved
 * since), from the file `fileStamp` names. Returns its flags (STAMP_WARNINGS, STAMP_CONFLICTS)
 * when so, and -1 otherwise (the file is then read and compared by its bytes; every stamp
 * formatStamp writes is read here, test/unit/plan.test.ts). Reads the text in place: an unchanged re-import asks it of every file, and a
 * match with its strings and an object per file were a tenth of such a run at 100,000 files.
 */
export const sameFileFlags = (text: string | null, version: number, updatedAt: number, fileStamp: string): number => {
  if (text === null) return -1;
  let at = 0;
  const number = () => {
    const start = at;
    let value = 0;
    for (let code = text.charCodeAt(at); code >= 0x30 && code <= 0x39; code = text.charCodeAt(++at)) value = value * 10 + (code - 0x30);
    return at > start && text.charCodeAt(at++) === 0x20 ? value : -1;
  };
  const hex = () => {
    const start = at;
    for (let code = text.charCodeAt(at); (code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x66); code = text.charCodeAt(++at));
    return at > start && text.charCodeAt(at++) === 0x20;
  };
  if (number() !== version || number() !== updatedAt || !hex() || !hex()) return -1;
  let flags = 0;
  if (text.charCodeAt(at) === 0x2d) at += 1;
  else {
    if (text.charCodeAt(at) === 0x77) (flags |= STAMP_WARNINGS), (at += 1);
    if (text.charCodeAt(at) === 0x63) (flags |= STAMP_CONFLICTS), (at += 1);
    if (flags === 0) return -1;
  }
  if (text.charCodeAt(at++) !== 0x20) return -1;
  if (fileStamp.length === 0 || fileStamp.includes(' ') || !text.startsWith(fileStamp, at)) return -1;
  // Then the end, or one more word: the documentId.
  const end = at + fileStamp.length;
  if (end === text.length) return flags;
  return text.charCodeAt(end) === 0x20 && end + 1 < text.length && text.indexOf(' ', end + 1) === -1 ? flags : -1;
};

const STAMP = /^(\d+) (\d+) ([0-9a-f]+) ([0-9a-f]+) ([wc]{1,2}|-) (\S*)(?: (\S+))?$/;

/** Whether `text` is a stamp parseStamp reads (a test, without the match). */
export const isStamp = (text: unknown): boolean => typeof text === 'string' && STAMP.test(text);

/** The stamp `formatStamp` wrote, or null for anything else (no stamp, or one from another format). */
export const parseStamp = (text: unknown): ImportStamp | null => {
  if (typeof text !== 'string') return null;
  const match = STAMP.exec(text);
  if (!match) return null;
  return {
    version: Number(match[1]),
    writtenAt: Number(match[2]),
    rawHash: match[3],
    storyKey: match[4],
    hasWarnings: match[5].includes('w'),
    hasConflicts: match[5].includes('c'),
    fileStamp: match[6] === '' ? null : match[6],
    documentId: match[7] ?? null,
  };
};
