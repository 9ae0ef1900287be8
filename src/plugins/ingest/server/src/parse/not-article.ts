import { readByline } from './byline';
import { authorOf } from './explore';
import { isSentenceLike } from './measure';

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
  /** Video durations printed on lines of their own above the explore list. */
  durations: number;
  /** A date, section, reading time, photo credit or source line: things a story page has. */
  hasStoryMarks: boolean;
}

/**
 * Tells an author page, a video index or a topic page from an article; returns why the page is
 * not an article, naming the kind of page it looks like, or null when it may be one.
 */
export function notArticleReason(page: PageShape): string | null {
  return authorPageReason(page) ?? headlineListReason(page);
}

/**
 * A person's name, perhaps a short bio, then their headlines: the name is signed under the
 * headlines (`By Name`, in any script), or it is a capitalised name followed by no prose.
 */
function authorPageReason(page: PageShape): string | null {
  if (page.firstLine === null) return null;
  const name = readByline(page.firstLine) ?? page.firstLine;
  const signed = page.bodyLines.filter((line) => {
    const author = authorOf(line);
    return author !== null && (author === page.firstLine || readByline(author) === name);
  }).length;
  const bareName = readByline(page.firstLine) !== null && !page.hasStoryMarks && !page.bodyLines.some(isSentenceLike);
  if (signed === 0 && !bareName) return null;
  const stories = page.bodyLines.filter((line) => authorOf(line) === null).length;
  return `not an article — it looks like an author page ("${name}", then a list of ${stories} headlines of theirs), so there is no story to import`;
}

/** Only short lines, no prose: a topic or tag page, or, with durations, a video index. */
function headlineListReason(page: PageShape): string | null {
  const lines = [...page.leadLines, ...page.bodyLines].filter((line) => authorOf(line) === null);
  const bareList = lines.length === 0 && !page.hasStoryMarks && page.listLength >= 3;
  if (!bareList && (lines.length < 3 || lines.some(isSentenceLike))) return null;
  if (page.durations >= 2) {
    return `not an article — it looks like a video index (${page.durations} videos listed with their durations and no story of its own), so there is no story to import`;
  }
  const count = lines.length + page.listLength;
  const title = page.firstLine === null ? '' : `"${page.firstLine}", then `;
  return `not an article — it looks like a topic or tag page (${title}${count} headlines and no story of its own), so there is no story to import`;
}
