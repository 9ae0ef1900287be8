import { monthNumber } from './month-names';

/** A date as printed: read into ISO form, or present but unreadable (worth a warning). */
export type DateReading = { ok: true; iso: string; printed: string } | { ok: false; printed: string };

const ISO_SHAPE = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/;
const MONTH_FIRST = /^(\p{L}+)\.? (\d{1,2}),? (\d{4})$/u;
// `13 November 2025`, `14 марта 2025 г.`, `9 กรกฎาคม 2568` (marks count: Thai and Devanagari vowels).
const DAY_FIRST = /^(\d{1,2}) ([\p{L}\p{M}]+)\.?,? (\d{4})(?: г\.)?$/u;
// `2025年6月3日` (Chinese, Japanese), `2025년 6월 3일` (Korean).
const YEAR_FIRST_CJK = /^(\d{4}) ?[年년] ?(\d{1,2}) ?[月월] ?(\d{1,2}) ?[日일]$/u;
// Thai datelines count years in the Buddhist era: 2568 is 2025.
const BUDDHIST_ERA_OFFSET = 543;

/** `2025-11-13` from the first line. Anything else with digits in it is an unreadable date. */
export function readIsoDate(printed: string): DateReading {
  const match = ISO_SHAPE.exec(printed);
  if (!match) return { ok: false, printed };
  return calendarDate(Number(match[1]), Number(match[2]), Number(match[3]), printed);
}

/**
 * `November 13, 2025` (also `13 November 2025`, `Nov 13, 2025`, and the same in the site's
 * other languages, `2025年6月3日`). Returns null when the line is not shaped like a dateline
 * at all; an unknown capitalised month or an impossible day is an unreadable date.
 */
export function readDateline(printed: string): DateReading | null {
  const cjk = YEAR_FIRST_CJK.exec(printed);
  if (cjk) return calendarDate(Number(cjk[1]), Number(cjk[2]), Number(cjk[3]), printed);
  const monthFirst = MONTH_FIRST.exec(printed);
  if (monthFirst) return datelineParts(monthFirst[1], monthFirst[2], monthFirst[3], printed);
  const dayFirst = DAY_FIRST.exec(printed);
  if (dayFirst) return datelineParts(dayFirst[2], dayFirst[1], dayFirst[3], printed);
  return null;
}

function datelineParts(monthName: string, day: string, year: string, printed: string): DateReading | null {
  const month = monthNumber(monthName);
  // An unknown word is a month name only when capitalised; `in 3, 2025` is not a dateline.
  if (month === null) return /^\p{Lu}/u.test(monthName) ? { ok: false, printed } : null;
  const calendarYear = /\p{Script=Thai}/u.test(monthName) ? Number(year) - BUDDHIST_ERA_OFFSET : Number(year);
  return calendarDate(calendarYear, month, Number(day), printed);
}

function calendarDate(year: number, month: number, day: number, printed: string): DateReading {
  const date = new Date(Date.UTC(year, month - 1, day));
  const real =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  if (!real || year < 1900 || year > 2200) return { ok: false, printed };
  // Spelled out: toISOString built a full timestamp to keep its first ten characters.
  return { ok: true, iso: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`, printed };
}
