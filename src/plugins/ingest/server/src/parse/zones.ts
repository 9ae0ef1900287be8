import { readDateline } from './dates';
import { readFirstLine, type FirstLine } from './first-line';
import { findExploreStart } from './layout';
import { readReadingTime } from './reading-time';
import type { CaptureLine } from './text';

/** A capture cut into the parts that are found before anything else is read. */
export interface Zones {
  firstLine: FirstLine | null;
  readingTimeMinutes: number | null;
  /** A dateline printed above the headline (some captures start with it). */
  leadingDateline: CaptureLine | null;
  /** From the headline (if any) up to the explore list. */
  main: CaptureLine[];
  /** The lines after `Explore` / `More Videos`. */
  exploreLines: CaptureLine[];
}

export function splitZones(lines: CaptureLine[]): Zones {
  const firstLine = readFirstLine(lines[0].text);
  const afterFirst = firstLine ? lines.slice(1) : lines;
  // Reading time is a line of its own wherever the page put it.
  const readingTimes = afterFirst.map((line) => readReadingTime(line.text));
  const rest = afterFirst.filter((_, index) => readingTimes[index] === null);
  const exploreAt = findExploreStart(rest);
  const main = rest.slice(0, exploreAt);
  const leadingDateline = main.length > 0 && readDateline(main[0].text) !== null ? main[0] : null;
  return {
    firstLine,
    readingTimeMinutes: readingTimes.find((minutes) => minutes !== null) ?? null,
    leadingDateline,
    main: leadingDateline ? main.slice(1) : main,
    exploreLines: rest.slice(exploreAt + 1),
  };
}
