/** What the ingest admin API answers (the server's ImportReport and run records). */
import type { Outcome, ReportCounts, ReportItem } from '../../server/src/services/report';
import type { ConflictedArticle, ConflictDecision, ImportPanel, OpenConflict } from '../../server/src/services/conflicts';

export type { ConflictedArticle, ConflictDecision, ImportPanel, OpenConflict, Outcome, ReportItem };
export type Counts = ReportCounts;
export type RunStatus = 'running' | 'succeeded' | 'failed' | 'skipped';

export interface Progress {
  runId: string;
  done: number;
  total: number;
  counts: Counts | null;
  file: string | null;
}

export interface Run {
  documentId: string;
  trigger: 'cli' | 'cron' | 'admin';
  status: RunStatus;
  dryRun: boolean;
  dir: string | null;
  startedAt: string;
  finishedAt: string | null;
  host: string | null;
  counts: Counts | null;
  items?: ReportItem[] | null;
  missing?: string[] | null;
  error: string | null;
  progress?: Progress | null;
}

export interface DryRunReport {
  startedAt: string;
  finishedAt: string;
  dryRun: true;
  counts: Counts;
  items: ReportItem[];
  missing: string[];
}

export interface RunsPage {
  data: Run[];
  meta: { pagination: { page: number; pageSize: number; total: number }; dir: string; activeRunId: string | null };
}

export interface ImportPanelAnswer {
  data: ImportPanel;
  /** Whether this admin may settle conflicts (the Content Manager's update permission on the article). */
  meta: { canSettle: boolean };
}

export interface ConflictsList {
  data: ConflictedArticle[];
  meta: { total: number };
}
