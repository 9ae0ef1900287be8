import { isPromoLine } from './furniture';
import { readSourceLine } from './sources';

const LIST_HEADER = /^(explore|more videos)$/i;
// An author credit under an explore headline: `By Kerem Aydın`, `By 李明` (a name in a script
// without capitals starts with any letter of it).
const AUTHOR_LINE = /^By [\p{Lu}\p{Lo}]\S*( \S+){0,4}$/u;

/** `Explore` or `More Videos`: the site's list of other stories starts on the next line. */
export function isExploreHeader(line: string): boolean {
  return LIST_HEADER.test(line);
}

export function isAuthorLine(line: string): boolean {
  return AUTHOR_LINE.test(line);
}

/** `By Kerem Aydın` → `Kerem Aydın`; null for any other line. */
export function authorOf(line: string): string | null {
  return isAuthorLine(line) ? line.slice(3) : null;
}

/** The explore list's headlines in order, without author lines, furniture or a stray source line. */
export function readExploreTitles(lines: string[]): string[] {
  return lines.filter(
    (line) => !isAuthorLine(line) && !isPromoLine(line) && !isExploreHeader(line) && readSourceLine(line) === null,
  );
}
