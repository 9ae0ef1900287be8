import type { ImportReport, ReportCounts, ReportItem } from '../services/report';

const truncate = (text: string, width: number) => (text.length <= width ? text : `${text.slice(0, width - 1)}…`);

const noteOf = (item: ReportItem) => {
  if (item.error) return item.error;
  const notes: string[] = [];
  if (item.conflicts.length > 0) notes.push(`editor kept: ${item.conflicts.join(', ')}`);
  notes.push(...item.warnings);
  return notes.join('; ');
};

export const formatCounts = (counts: ReportCounts) =>
  `${counts.created} created, ${counts.updated} updated, ${counts.unchanged} unchanged, ${counts.duplicate} duplicate, ${counts.failed} failed, ${counts.conflicted} with conflicts`;

/** The report as a person reads it: one row per file, then the totals. */
export const formatReportTable = (report: ImportReport, width = 120): string => {
  const outcomeWidth = 9;
  const fileWidth = Math.min(40, Math.max(4, ...report.items.map((entry) => (entry.file ?? entry.externalId).length)));
  const noteWidth = Math.max(20, width - outcomeWidth - fileWidth - 4);
  const row = (outcome: string, file: string, note: string) =>
    `${outcome.padEnd(outcomeWidth)}  ${truncate(file, fileWidth).padEnd(fileWidth)}  ${truncate(note, noteWidth)}`.trimEnd();

  const lines = [row('OUTCOME', 'FILE', 'NOTES'), row('-'.repeat(outcomeWidth), '-'.repeat(fileWidth), '-'.repeat(5))];
  for (const entry of report.items) lines.push(row(entry.outcome, entry.file ?? entry.externalId, noteOf(entry)));
  lines.push('');
  lines.push(`${report.dryRun ? 'Dry run (nothing written): ' : ''}${formatCounts(report.counts)} — ${report.items.length} files`);
  if (report.missing.length > 0) {
    lines.push(`Missing from the folder (left alone): ${report.missing.join(', ')}`);
  }
  if (report.runId) lines.push(`Run ${report.runId}, ${report.startedAt} → ${report.finishedAt}`);
  return lines.join('\n');
};

/** One line of progress, rewritten in place on a terminal. */
export const formatProgress = (done: number, total: number, counts: ReportCounts) => {
  const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
  return `[${String(done).padStart(String(total).length)}/${total}] ${String(percent).padStart(3)}%  ${formatCounts(counts)}`;
};
