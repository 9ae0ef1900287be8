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
 * text), caption and byline, any of which may be missing. The repeat, when there is one,
 * divides the standfirst from the image's lines; otherwise the caption is told by its credit
 * or by standing second of two lines. A video page prints the headline several times in any
 * order, so there no copy divides anything: its description is the standfirst.
 */
export function readHeader(lines: CaptureLine[], video: boolean): Header {
  const [headline, ...after] = lines;
  const repeatAt = video ? -1 : after.findIndex((line) => line.text === headline.text);
  const withoutRepeats = after.filter((line) => line.text !== headline.text);
  const byline = takeByline(withoutRepeats);
  const split = repeatAt === -1 ? splitByCaption(withoutRepeats) : splitAtRepeat(withoutRepeats, repeatAt);
  return {
    title: headline.text,
    standfirst: split.standfirstLines.length > 0 ? split.standfirstLines.map((line) => line.text).join('\n') : null,
    imageCaption: split.caption?.caption ?? null,
    imageCredit: split.caption?.credit ?? null,
    byline,
    warnings: split.leftOver.map(
      (line) => `line ${line.lineNo}: "${line.text}" sits between the caption and the dateline but is not a byline; left out`,
    ),
  };
}

/** Removes and returns the byline when it is the last header line. */
function takeByline(lines: CaptureLine[]): string | null {
  const last = lines.at(-1);
  const byline = last ? readByline(last.text) : null;
  if (byline !== null) lines.pop();
  return byline;
}

interface HeaderSplit {
  caption: Caption | null;
  standfirstLines: CaptureLine[];
  leftOver: CaptureLine[];
}

/** Lines before the alt-text repeat are the standfirst; the caption is the first one after it. */
function splitAtRepeat(lines: CaptureLine[], repeatAt: number): HeaderSplit {
  const [captionLine, ...leftOver] = lines.slice(repeatAt);
  return {
    caption: captionLine ? readPlainCaption(captionLine.text) : null,
    standfirstLines: lines.slice(0, repeatAt),
    leftOver,
  };
}

/**
 * The caption is the last line with a credit mark; failing that, with two lines left, the
 * second one (a caption without credit). Lines before it are the standfirst.
 */
function splitByCaption(lines: CaptureLine[]): HeaderSplit {
  const marked = findLastIndex(lines, (line) => readMarkedCaption(line.text) !== null);
  if (marked !== -1) {
    return { caption: readPlainCaption(lines[marked].text), standfirstLines: lines.slice(0, marked), leftOver: lines.slice(marked + 1) };
  }
  if (lines.length >= 2) {
    return { caption: readPlainCaption(lines[lines.length - 1].text), standfirstLines: lines.slice(0, -1), leftOver: [] };
  }
  return { caption: null, standfirstLines: lines, leftOver: [] };
}

function findLastIndex<T>(items: T[], test: (item: T) => boolean): number {
  for (let index = items.length - 1; index >= 0; index -= 1) {
    if (test(items[index])) return index;
  }
  return -1;
}
