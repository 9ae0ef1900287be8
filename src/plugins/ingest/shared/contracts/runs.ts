import type { ImportReport, ReportCounts } from './report';

/** What started a run: the seed command, the schedule, the Ingest page, or the push API. */
export type Trigger = 'cli' | 'cron' | 'admin' | 'api';
export type RunStatus = 'running' | 'succeeded' | 'failed' | 'skipped';

/** One import run as the run log keeps it. */
export interface RunRecord {
  documentId: string;
  trigger: Trigger;
  /** Who, when the trigger says more than what: the API token's name for a push. */
  actor: string | null;
  status: RunStatus;
  dryRun: boolean;
  /** The folder read; null for a push. */
  dir: string | null;
  startedAt: string;
  finishedAt: string | null;
  heartbeatAt: string | null;
  host: string | null;
  counts: ReportCounts | null;
  /** The items that say something (services/run-retention); null once pruned (itemsPruned). */
  items?: ImportReport['items'] | null;
  /** How many items the record listed when the run ended: its counts tell the rest. */
  listed?: number | null;
  /** An old run: the retention rule (INGEST_KEEP_RUNS) removed its items and missing list; its counts remain. */
  itemsPruned?: boolean;
  missing?: string[] | null;
  error: string | null;
}

/** How far a run started on this server has got (kept in memory, for the admin page to poll). */
export interface RunProgress {
  runId: string;
  done: number;
  total: number;
  counts: ReportCounts | null;
  /** The entry just finished (a file, or a pushed capture's external id). */
  file: string | null;
}

/** GET /ingest/runs */
export interface RunsPage {
  data: RunRecord[];
  meta: { pagination: { page: number; pageSize: number; total: number }; dir: string; activeRunId: string | null };
}

/** GET /ingest/runs/:id */
export type RunWithProgress = RunRecord & { progress?: RunProgress | null };
