import { readByline } from './byline';
import { readMarkedCaption, readPlainCaption, type Caption } from './caption';
import type { CaptureLine } from './text';

/** The lines between the headline and the body, read into fields. */
export interface Header {
  title: string;
  standfirst: string | null;
  imageCaption: string | null;
  imageCredit: string | null;
  byline: string | null;
  warnings: string[];
}

/**
 * Reads a header: the headline first, then standfirst, the headline again (the image's alt
 * text), caption and byline, any of which may be missing. Works from both ends because the
 * standfirst is the line after the headline and the byline the line before the dateline.
 */
export function readHeader(lines: CaptureLine[]): Header {
  const [headline, ...after] = lines;
  const others = after.filter((line) => line.text !== headline.text);
  const byline = takeByline(others);
  const { caption, standfirstLines, leftOver } = takeCaption(others);
  return {
    title: headline.text,
    standfirst: standfirstLines.length > 0 ? standfirstLines.map((line) => line.text).join('\n') : null,
    imageCaption: caption?.caption ?? null,
    imageCredit: caption?.credit ?? null,
    byline,
    warnings: leftOver.map(
      (line) => `line ${line.lineNo}: "${line.text}" sits between the caption and the dateline but is not a byline; left out`,
    ),
  };
}

/** Removes and returns the byline when it is the last header line. */
function takeByline(others: CaptureLine[]): string | null {
  const last = others.at(-1);
  const byline = last ? readByline(last.text) : null;
  if (byline !== null) others.pop();
  return byline;
}

interface CaptionSplit {
  caption: Caption | null;
  standfirstLines: CaptureLine[];
  leftOver: CaptureLine[];
}

/**
 * The caption is the last line with a credit mark; failing that, with two lines left, the
 * second one (a caption without credit). Lines before it are the standfirst.
 */
function takeCaption(others: CaptureLine[]): CaptionSplit {
  const marked = findLastIndex(others, (line) => readMarkedCaption(line.text) !== null);
  if (marked !== -1) {
    return {
      caption: readMarkedCaption(others[marked].text),
      standfirstLines: others.slice(0, marked),
      leftOver: others.slice(marked + 1),
    };
  }
  if (others.length >= 2) {
    return { caption: readPlainCaption(others[others.length - 1].text), standfirstLines: others.slice(0, -1), leftOver: [] };
  }
  return { caption: null, standfirstLines: others, leftOver: [] };
}

function findLastIndex<T>(items: T[], test: (item: T) => boolean): number {
  for (let index = items.length - 1; index >= 0; index -= 1) {
    if (test(items[index])) return index;
  }
  return -1;
}
