/** What the ingest admin API answers: the definitions the server uses (shared/contracts). */
import type { ImportReport, Outcome, ReportCounts, ReportItem } from '../../shared/contracts/report';
import type { RunProgress, RunStatus, RunWithProgress, RunsPage } from '../../shared/contracts/runs';

export type { Outcome, ReportItem, RunStatus, RunsPage };
export type Counts = ReportCounts;
export type Progress = RunProgress;
export type Run = RunWithProgress;
export type DryRunReport = ImportReport & { dryRun: true };
