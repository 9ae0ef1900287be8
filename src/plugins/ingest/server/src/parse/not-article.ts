import { readByline } from './byline';
import { authorOf } from './explore';
import { isSentenceLike, wordCount } from './measure';

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
  /** Video durations printed on lines of their own, above the explore list or in it. */
  durations: number;
  /** A date, section, reading time, photo credit or source line: things a story page has. */
  hasStoryMarks: boolean;
  /** A reading time, image caption or credit, byline or source line: what only a story prints. */
  hasStoryFurniture: boolean;
}

// A list entry is a headline's length; three short paragraphs in a row are rarer than this.
const MAX_LIST_ENTRY_WORDS = 16;

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
  const first = page.firstLine;
  if (first === null) return null;
  const name = readByline(first) ?? first;
  const signed = page.bodyLines.some((line) => {
    const author = authorOf(line);
    return author !== null && (author === first || readByline(author) === name);
  });
  const bareName = readByline(first) !== null && !page.hasStoryMarks && !page.bodyLines.some(isSentenceLike);
  // A bio names its author, in any script: `王伟是驻北京记者…`, `Ezgi Toper reports on…`.
  const introduced = wordCount(first) <= 4 && page.leadLines.some((line) => line.includes(first)) && isDescribedList(page);
  if (!signed && !bareName && !introduced) return null;
  const stories = page.bodyLines.filter((line) => authorOf(line) === null).length;
  return `not an article — it looks like an author page ("${name}", then a list of ${stories} headlines of theirs), so there is no story to import`;
}

/** Only short lines, no prose: a topic or tag page, or, with durations, a video index. */
function headlineListReason(page: PageShape): string | null {
  const lines = [...page.leadLines, ...page.bodyLines].filter((line) => authorOf(line) === null);
  const bareList = lines.length === 0 && !page.hasStoryMarks && page.listLength >= 3;
  const onlyHeadlines = lines.length >= 3 && !lines.some(isSentenceLike);
  const described = !onlyHeadlines && isDescribedList(page);
  if (!bareList && !onlyHeadlines && !described) return null;
  if (page.durations >= 2) {
    return `not an article — it looks like a video index (${page.durations} videos listed with their durations and no story of its own), so there is no story to import`;
  }
  // A described list's lead is its blurb; otherwise the lead is the list's first headline.
  const count = (described ? lines.length - 1 : lines.length) + page.listLength;
  const title = page.firstLine === null ? '' : `"${page.firstLine}", then `;
  return `not an article — it looks like a topic or tag page (${title}${count} headlines and no story of its own), so there is no story to import`;
}

/**
 * A title, one line describing the page, then only short lines: a topic page with its blurb or
 * an author page with a bio. A story would print a source, credit, byline or reading time.
 */
function isDescribedList(page: PageShape): boolean {
  const entries = page.bodyLines.filter((line) => authorOf(line) === null);
  return (
    !page.hasStoryFurniture &&
    page.leadLines.length === 1 &&
    entries.length >= 3 &&
    entries.every((line) => !isSentenceLike(line) && wordCount(line) <= MAX_LIST_ENTRY_WORDS)
  );
}
