import type { ReportCounts, ReportItem } from '../../../shared/contracts/report';

export type { ImportReport, ImportedField, Outcome, ReportCounts, ReportItem } from '../../../shared/contracts/report';
export type { Trigger } from '../../../shared/contracts/runs';

export const emptyCounts = (): ReportCounts => ({ created: 0, updated: 0, unchanged: 0, failed: 0, duplicate: 0, conflicted: 0 });

export const addToCounts = (counts: ReportCounts, item: ReportItem) => {
  counts[item.outcome] += 1;
  if (item.conflicts.length > 0) counts.conflicted += 1;
};

export const subtractFromCounts = (counts: ReportCounts, item: ReportItem) => {
  counts[item.outcome] -= 1;
  if (item.conflicts.length > 0) counts.conflicted -= 1;
};
