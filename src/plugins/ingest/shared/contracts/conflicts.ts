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

/** The Import panel of an article's edit view (`GET /ingest/articles/:documentId/import`). */
export interface ImportPanel {
  /** False for an article the import did not create: nothing else is said. */
  imported: boolean;
  documentId: string;
  externalId?: string;
  /** Where the capture came from: a file of the import folder, or a push to the API. */
  origin?: { kind: 'file' | 'push'; file: string | null };
  lastWrittenAt?: string;
  /** The latest recorded run that names the article, and what it did to it. */
  lastImport?: { runId: string; trigger: Trigger; startedAt: string; outcome: Outcome; warnings: string[]; conflicts: ImportedField[] } | null;
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
