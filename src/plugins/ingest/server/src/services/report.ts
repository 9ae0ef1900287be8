import type { TrackedField } from '../plan/fields';

export type Outcome = 'created' | 'updated' | 'unchanged' | 'failed' | 'duplicate';
export type Trigger = 'cli' | 'cron' | 'admin';

export interface ReportItem {
  file: string;
  externalId: string;
  outcome: Outcome;
  documentId: string | null;
  warnings: string[];
  conflicts: TrackedField[];
  error: string | null;
}

export interface ReportCounts {
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  duplicate: number;
  /** Files whose report lists at least one conflict (an editor's value kept). */
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

export const emptyCounts = (): ReportCounts => ({ created: 0, updated: 0, unchanged: 0, failed: 0, duplicate: 0, conflicted: 0 });

export const addToCounts = (counts: ReportCounts, item: ReportItem) => {
  counts[item.outcome] += 1;
  if (item.conflicts.length > 0) counts.conflicted += 1;
};

export const subtractFromCounts = (counts: ReportCounts, item: ReportItem) => {
  counts[item.outcome] -= 1;
  if (item.conflicts.length > 0) counts.conflicted -= 1;
};
