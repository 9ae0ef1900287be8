import { readDateline } from './dates';
import { isDuration } from './duration';
import { readFirstLine, type FirstLine } from './first-line';
import { headlineFirst } from './headline-first';
import { findExploreStart } from './layout';
import { readReadingTime } from './reading-time';
import type { CaptureLine } from './text';

/** A capture cut into the parts that are found before anything else is read. */
export interface Zones {
  firstLine: FirstLine | null;
  readingTimeMinutes: number | null;
  /** A dateline printed above the headline (some captures start with it). */
  leadingDateline: CaptureLine | null;
  /** From the headline (if any) up to the explore list, without video durations. */
  main: CaptureLine[];
  /** The lines after `Explore` / `More Videos`, without video durations. */
  exploreLines: CaptureLine[];
  /** Video durations found above the explore list and in it: a video page or a video index. */
  durations: { main: number; list: number };
}

export function splitZones(lines: CaptureLine[]): Zones {
  const firstLine = readFirstLine(lines[0].text);
  const afterFirst = firstLine ? lines.slice(1) : lines;
  // Reading time is a line of its own wherever the page put it.
  const readingTimes = afterFirst.map((line) => readReadingTime(line.text));
  const rest = afterFirst.filter((_, index) => readingTimes[index] === null);
  const exploreAt = findExploreStart(rest);
  const main = withoutDurations(rest.slice(0, exploreAt));
  const list = withoutDurations(rest.slice(exploreAt + 1));
  const leadingDateline = main.lines.length > 0 && readDateline(main.lines[0].text) !== null ? main.lines[0] : null;
  return {
    firstLine,
    readingTimeMinutes: readingTimes.find((minutes) => minutes !== null) ?? null,
    leadingDateline,
    main: headlineFirst(leadingDateline ? main.lines.slice(1) : main.lines),
    exploreLines: list.lines,
    durations: { main: main.durations, list: list.durations },
  };
}

function withoutDurations(lines: CaptureLine[]): { lines: CaptureLine[]; durations: number } {
  const kept = lines.filter((line) => !isDuration(line.text));
  return { lines: kept, durations: lines.length - kept.length };
}
