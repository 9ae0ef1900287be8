import { readByline } from './byline';
import { readMarkedCaption } from './caption';
import { readDateline } from './dates';
import { isExploreHeader } from './explore';
import { isPromoLine } from './furniture';
import { isBareRelated, isRecommendedMarker, readCard } from './related';
import { readSourceLine } from './sources';
import { endsInFullStop, isSentenceLike, wordCount } from './measure';
import type { CaptureLine } from './text';

/** The header is at most headline, standfirst, alt text, caption and byline; allow some slack. */
export const HEADER_WINDOW = 8;

/** Lines that belong to the page's furniture or the end matter, never to the header. */
export function isStructural(text: string): boolean {
  return (
    isRecommendedMarker(text) ||
    isBareRelated(text) ||
    readCard(text, false) !== null ||
    readSourceLine(text) !== null ||
    isExploreHeader(text) ||
    isPromoLine(text)
  );
}

/**
 * Where the explore list starts. Its header could in principle also be a subhead, so the one
 * after the source line is preferred.
 */
export function findExploreStart(lines: CaptureLine[]): number {
  const sourceAt = lines.findIndex((line) => readSourceLine(line.text) !== null);
  const afterSource = lines.findIndex((line, index) => index > sourceAt && isExploreHeader(line.text));
  if (sourceAt !== -1 && afterSource !== -1) return afterSource;
  const first = lines.findIndex((line) => isExploreHeader(line.text));
  return first === -1 ? lines.length : first;
}

/** A headline does not end in a full stop (`.`, `。`, `।`) and is not a paragraph's length. */
export function isHeadlineShaped(text: string): boolean {
  return !endsInFullStop(text) && wordCount(text) <= 40 && !isStructural(text);
}

/** The dateline closing the header that starts at `headlineAt`, if one is near. */
export function findDateline(lines: CaptureLine[], headlineAt: number): number {
  const last = Math.min(lines.length, headlineAt + 1 + HEADER_WINDOW);
  for (let index = headlineAt + 1; index < last; index += 1) {
    if (isStructural(lines[index].text)) return -1;
    if (readDateline(lines[index].text) !== null) return index;
  }
  return -1;
}

/**
 * Without a dateline, the header is the headline plus whatever follows it that looks like a
 * header part, in page order; the first line that does not is the body's first.
 */
export function findHeaderEndWithoutDateline(lines: CaptureLine[], headlineAt: number, video: boolean): number {
  const headline = lines[headlineAt].text;
  let index = headlineAt + 1;
  const at = (): string | undefined => lines[index]?.text;
  const skipRepeats = (): void => {
    while (at() === headline) index += 1;
  };
  skipRepeats();
  const next = at();
  if (next !== undefined && isStandfirstCandidate(next)) index += 1;
  const beforeRepeat = index;
  skipRepeats();
  const caption = at();
  if (caption !== undefined && isCaptionCandidate(caption, !video && index > beforeRepeat, index + 1 < lines.length)) index += 1;
  const byline = at();
  if (byline !== undefined && readByline(byline) !== null) index += 1;
  return index;
}

/**
 * A caption carries a credit; right under the alt-text repeat, a line that is no sentence, no
 * byline and not the last line is the caption without one (a video page has none).
 */
function isCaptionCandidate(text: string, afterRepeat: boolean, bodyFollows: boolean): boolean {
  if (readMarkedCaption(text) !== null) return true;
  return afterRepeat && bodyFollows && !isSentenceLike(text) && readByline(text) === null && !isStructural(text);
}

function isStandfirstCandidate(text: string): boolean {
  return readMarkedCaption(text) === null && readByline(text) === null && !isStructural(text);
}

/** The headline printed again within the next few lines: the image's alt text. */
export function isRepeatedSoon(lines: CaptureLine[], headlineAt: number): boolean {
  return lines.slice(headlineAt + 1, headlineAt + 4).some((line) => line.text === lines[headlineAt].text);
}
