/** What the ingest admin API answers (the server's ImportReport and run records). */
import type { Outcome, ReportCounts, ReportItem } from '../../server/src/services/report';

export type { Outcome, ReportItem };
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
  /** How many items the record listed (the ones that say something); counts tell the rest. */
  listed?: number | null;
  /** Old run: the retention rule removed its items and missing list, its counts remain. */
  itemsPruned?: boolean;
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
