import type { ImportedField, Outcome } from './report';
import type { Trigger } from './runs';

/** How an editor settles a conflict: take the capture's value, or keep their own. */
export type Settlement = 'take' | 'keep';

/** A field the editor changed while the capture changed it too, both values as text. */
export interface OpenConflict {
  field: ImportedField;
  label: string;
  /** The draft's value now. */
  mine: string | null;
  /** The capture's value at the last import. */
  theirs: string | null;
}

export interface ConflictDecision {
  field: ImportedField;
  label: string;
  action: Settlement;
  userName: string | null;
  decidedAt: string;
}

/**
 * The last run that wrote the article's import state — created or updated it, or re-checked the
 * same content from other bytes — and what it did to it. Later runs wrote nothing to it: they
 * found the capture unchanged, did not include it, or could not import it (a failed read or
 * parse, a duplicate) — the latest of them says which, when it listed the article.
 */
export interface LastImport {
  runId: string;
  trigger: Trigger;
  startedAt: string;
  /** What that run did to the article; null when its list of files is no longer kept (or not yet written). */
  outcome: Outcome | null;
  warnings: string[];
  conflicts: ImportedField[];
  /** Finished imports since that run, none of which wrote to the article, and when the latest started. */
  laterRuns: number;
  latestRunAt: string | null;
  /**
   * What the latest of them listed for the article — failed (with its error) or duplicate —
   * or null: it found the capture unchanged, did not include it, or its list is no longer kept.
   */
  latestOutcome: Outcome | null;
  latestError: string | null;
}

/** The Import panel of an article's edit view (`GET /ingest/articles/:documentId/import`). */
export interface ImportPanel {
  /** False for an article the import did not create: nothing else is said. */
  imported: boolean;
  documentId: string;
  externalId?: string;
  /** Where the capture came from: a file of the import folder, or a push to the API. */
  origin?: { kind: 'file' | 'push'; file: string | null };
  lastWrittenAt?: string;
  /** Null when no recorded run is known to have imported it (a state written before runs were named, its run no longer listed). */
  lastImport?: LastImport | null;
  conflicts?: OpenConflict[];
  decisions?: ConflictDecision[];
}

export interface ImportPanelAnswer {
  data: ImportPanel;
  /** Whether this admin may settle conflicts (the Content Manager's update permission on the article). */
  meta: { canSettle: boolean };
}

/** An article with open conflicts, for the Ingest page's list (`GET /ingest/conflicts`). */
export interface ConflictedArticle {
  documentId: string;
  externalId: string;
  title: string;
  fields: Array<{ field: ImportedField; label: string }>;
}

export interface ConflictsList {
  data: ConflictedArticle[];
  meta: { total: number };
}
