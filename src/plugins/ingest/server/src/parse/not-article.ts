import { readByline } from './byline';
import { isAuthorLine } from './explore';
import { isSentenceLike } from './text';

/** Enough of a page to tell whether it is a story at all. */
export interface PageShape {
  /** The line that would be the headline. */
  firstLine: string | null;
  /** The line(s) that would be the standfirst (on an author page, the biography). */
  leadLines: string[];
  /** The lines that would be the body, furniture taken out. */
  bodyLines: string[];
  /** How many headlines follow an `Explore` / `More Videos` header. */
  listLength: number;
  /** A date, section, reading time, photo credit or source line: things a story page has. */
  hasStoryMarks: boolean;
}

/**
 * Tells an author page or a list of headlines (a video index) from an article; returns why
 * the page is not an article, or null when it may be one.
 */
export function notArticleReason(page: PageShape): string | null {
  const name = page.firstLine === null ? null : readByline(page.firstLine);
  const bodySentences = page.bodyLines.filter(isSentenceLike).length;
  const signsOwnWork = name !== null && page.bodyLines.some((line) => isAuthorLine(line) && readByline(line) === name);
  if (name !== null && !page.hasStoryMarks && (bodySentences === 0 || signsOwnWork)) {
    return `not an article — it looks like an author page ("${name}" followed by a list of stories), so there is no headline to import`;
  }
  const lines = [...page.leadLines, ...page.bodyLines];
  const bareList = lines.length === 0 && !page.hasStoryMarks && page.listLength >= 3;
  if ((lines.length >= 3 && !lines.some(isSentenceLike)) || bareList) {
    const count = lines.length + page.listLength;
    return `not an article — it looks like a list of headlines such as a video index (${count} short lines and no body text), so there is no headline to import`;
  }
  return null;
}
