/**
 * The import report, as the CLI's `--json`, the push API and the admin API answer it. Shared by
 * the server and the admin panel: one definition, no copy.
 */

/** The Article fields an import sets; a conflict names one of them. */
export type ImportedField =
  | 'title'
  | 'standfirst'
  | 'body'
  | 'publicationDate'
  | 'readingTimeMinutes'
  | 'imageCaption'
  | 'imageCredit'
  | 'byline'
  | 'section'
  | 'sources'
  | 'relatedLinks';

export type Outcome = 'created' | 'updated' | 'unchanged' | 'failed' | 'duplicate';

export interface ReportItem {
  /** The file, relative to the imported folder; null for a pushed capture. */
  file: string | null;
  externalId: string;
  outcome: Outcome;
  documentId: string | null;
  warnings: string[];
  conflicts: ImportedField[];
  error: string | null;
}

export interface ReportCounts {
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  duplicate: number;
  /** Items whose report lists at least one conflict (an editor's value kept). */
  conflicted: number;
}

/** The contract's JSON report, plus the articles whose captures were not in the folder. */
export interface ImportReport {
  runId: string | null;
  startedAt: string;
  finishedAt: string;
  dryRun: boolean;
  counts: ReportCounts;
  items: ReportItem[];
  /** External ids of imported articles whose file is no longer in the folder (left alone). */
  missing: string[];
}
