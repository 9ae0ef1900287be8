import { readByline } from './byline';
import { isAuthorLine } from './explore';
import { isSentenceLike } from './text';

/** Enough of a page to tell whether it is a story at all. */
export interface PageShape {
  /** The line that would be the headline. */
  firstLine: string | null;
  /** The lines that would be standfirst and body, furniture taken out. */
  textLines: string[];
  /** How many headlines follow an `Explore` / `More Videos` header. */
  listLength: number;
  /** A date, section, reading time, caption, byline or source line: things a story page has. */
  hasStoryMarks: boolean;
}

/**
 * Tells an author page or a list of headlines (a video index) from an article; returns why
 * the page is not an article, or null when it may be one.
 */
export function notArticleReason(page: PageShape): string | null {
  const sentences = page.textLines.filter(isSentenceLike).length;
  const name = page.firstLine === null ? null : readByline(page.firstLine);
  const signsOwnWork = name !== null && page.textLines.some((line) => isAuthorLine(line) && readByline(line) === name);
  if (name !== null && !page.hasStoryMarks && (sentences === 0 || signsOwnWork)) {
    return `not an article — it looks like an author page ("${name}" followed by a list of stories), so there is no headline to import`;
  }
  const shortLines = page.textLines.length;
  const bareList = shortLines === 0 && !page.hasStoryMarks && page.listLength >= 3;
  if ((shortLines >= 3 && sentences === 0) || bareList) {
    const count = shortLines + page.listLength;
    return `not an article — it looks like a list of headlines such as a video index (${count} short lines and no body text), so there is no headline to import`;
  }
  return null;
}
