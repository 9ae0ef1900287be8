/** A date as printed: read into ISO form, or present but unreadable (worth a warning). */
export type DateReading = { ok: true; iso: string; printed: string } | { ok: false; printed: string };

const MONTHS = [
  'january', 'february', 'march', 'april', 'may', 'june',
  'july', 'august', 'september', 'october', 'november', 'december',
];

const ISO_SHAPE = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/;
const MONTH_FIRST = /^(\p{L}+)\.? (\d{1,2}),? (\d{4})$/u;
const DAY_FIRST = /^(\d{1,2}) (\p{L}+)\.?,? (\d{4})$/u;

/** `2025-11-13` from the first line. Anything else with digits in it is an unreadable date. */
export function readIsoDate(printed: string): DateReading {
  const match = ISO_SHAPE.exec(printed);
  if (!match) return { ok: false, printed };
  return calendarDate(Number(match[1]), Number(match[2]), Number(match[3]), printed);
}

/**
 * `November 13, 2025` (also `13 November 2025`, `Nov 13, 2025`). Returns null when the line is
 * not shaped like a dateline at all; an unknown month or impossible day is an unreadable date.
 */
export function readDateline(printed: string): DateReading | null {
  const monthFirst = MONTH_FIRST.exec(printed);
  if (monthFirst) return datelineParts(monthFirst[1], monthFirst[2], monthFirst[3], printed);
  const dayFirst = DAY_FIRST.exec(printed);
  if (dayFirst) return datelineParts(dayFirst[2], dayFirst[1], dayFirst[3], printed);
  return null;
}

function datelineParts(monthName: string, day: string, year: string, printed: string): DateReading | null {
  // Only a capitalised word can be a month name; `in 3, 2025` is not a dateline.
  if (!/^\p{Lu}/u.test(monthName)) return null;
  const month = monthNumber(monthName);
  if (month === null) return { ok: false, printed };
  return calendarDate(Number(year), month, Number(day), printed);
}

function monthNumber(name: string): number | null {
  const lower = name.toLowerCase();
  if (lower.length < 3) return null;
  const index = MONTHS.findIndex((month) => month === lower || (lower.length <= 4 && month.startsWith(lower)));
  return index === -1 ? null : index + 1;
}

function calendarDate(year: number, month: number, day: number, printed: string): DateReading {
  const date = new Date(Date.UTC(year, month - 1, day));
  const real =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  if (!real || year < 1900 || year > 2200) return { ok: false, printed };
  return { ok: true, iso: date.toISOString().slice(0, 10), printed };
}
