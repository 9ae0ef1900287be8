import { readDateline, readIsoDate, type DateReading } from './dates';
import { endsInPunctuation, endsLikeSentence, fitsGraphemes, wordCount } from './measure';

/** What the ` date 2025-11-13 LABEL` line says. */
export interface FirstLine {
  date: DateReading | null;
  /** The section label, spaces normalised; null when the rest is absent, noise or prose. */
  section: string | null;
  /** Body prose printed on the date line when the page lost its header (`ISTANBUL — …`). */
  prose: string | null;
}

// Lower-case `date` only: a body sentence would start with a capital `Date`.
const DATE_LINE = /^date(?: (.*))?$/;
const DATELINE_PREFIX = /^(\p{L}+\.? \d{1,2},? \d{4})(?: (.*))?$/u;
const DATE_TOKEN = /^(\S*\d\S*)(?: (.*))?$/;

/** Reads the date line, or returns null when the line is not one. */
export function readFirstLine(line: string): FirstLine | null {
  const match = DATE_LINE.exec(line);
  if (!match) return null;
  const { date, rest } = splitDate(match[1] ?? '');
  return { date, ...readLabelOrProse(rest) };
}

function splitDate(text: string): { date: DateReading | null; rest: string } {
  const dateline = DATELINE_PREFIX.exec(text);
  const asDateline = dateline ? readDateline(dateline[1]) : null;
  if (dateline && asDateline) return { date: asDateline, rest: dateline[2] ?? '' };
  const token = DATE_TOKEN.exec(text);
  if (token) return { date: readIsoDate(token[1]), rest: token[2] ?? '' };
  return { date: null, rest: text };
}

function readLabelOrProse(rest: string): Pick<FirstLine, 'section' | 'prose'> {
  if (rest === '') return { section: null, prose: null };
  if (isSectionLabel(rest)) return { section: rest, prose: null };
  if (isProse(rest)) return { section: null, prose: rest };
  // The site menu glued into one word, `World Share` and the like: navigation, not content.
  return { section: null, prose: null };
}

// Menu entries that, glued together, make the navigation noise seen on some date lines.
const MENU_WORDS = [
  'POLITICS', 'TÜRKİYE', 'WORLD', 'BIZTECH', 'FEATURES', 'OPINION', 'SPORT', 'LIFE',
  'VIDEOS', 'CULTURE', 'AFRICA', 'EUROPE', 'AMERICAS', 'ASIA', 'GAZA', 'ANALYSIS',
];

/**
 * A short all-capitals run: `CONFLICT & PEACE PROCESSES`, `TÜRKİYE`, `G20`; in a script without
 * capitals (`国际`, `الشرق الأوسط`), a few words with no punctuation.
 */
export function isSectionLabel(text: string): boolean {
  if (!/[\p{Lu}\p{Ll}]/u.test(text)) return isCaselessLabel(text);
  if (/\p{Ll}/u.test(text) || !/\p{Lu}/u.test(text)) return false;
  if (!/^[\p{Lu}\p{M}\d&'’./ -]+$/u.test(text)) return false;
  const words = text.split(' ');
  return text.length <= 40 && words.length <= 6 && words.every((word) => word.length <= 15 && !isGluedMenu(word));
}

function isCaselessLabel(text: string): boolean {
  return /\p{L}/u.test(text) && !endsInPunctuation(text) && wordCount(text) <= 4 && fitsGraphemes(text, 24);
}

function isGluedMenu(word: string): boolean {
  return MENU_WORDS.filter((menuWord) => word.includes(menuWord)).length >= 2;
}

function isProse(text: string): boolean {
  // Lower case, or letters of a script that has no case.
  return /[\p{Ll}\p{Lo}]/u.test(text) && (endsLikeSentence(text) || wordCount(text) >= 8 || / [—–-] /.test(text));
}
