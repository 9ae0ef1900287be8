import type { DateReading } from './dates';

/** The first line's date wins over the dateline; a disagreement or an unreadable date is worth a warning. */
export function resolvePublicationDate(
  firstLine: DateReading | null,
  dateline: DateReading | null,
): { date: string | null; warnings: string[] } {
  const warnings: string[] = [];
  if (firstLine && !firstLine.ok) warnings.push(`the first line's date "${firstLine.printed}" cannot be read as a date`);
  if (dateline && !dateline.ok) warnings.push(`the dateline "${dateline.printed}" cannot be read as a date`);
  if (firstLine?.ok && dateline?.ok && firstLine.iso !== dateline.iso) {
    warnings.push(
      `the first line's date ${firstLine.iso} disagrees with the dateline "${dateline.printed}" (${dateline.iso}); kept ${firstLine.iso}`,
    );
  }
  const date = firstLine?.ok ? firstLine.iso : dateline?.ok ? dateline.iso : null;
  return { date, warnings };
}
