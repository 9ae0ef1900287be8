import { endsLikeSentence, wordCount } from './measure';

/** A recommended card as printed in the body. */
export interface Card {
  title: string;
  publisher: string;
}

const MARKER = /^recommended:?$/i;
const GLUED_RELATED = /^Related(?=[^\s\p{Ll}])(.+)$/u;
const SPACED_RELATED = /^Related (.+)$/;
const READ_MORE = /^(?:read more|also read) ?[:\-–—] ?(.+)$/i;
const PUBLISHER_SPLIT = / [-–—] /;

/** `RECOMMENDED` / `Recommended`, the label printed above a card. */
export function isRecommendedMarker(line: string): boolean {
  return MARKER.test(line);
}

/** `Related` standing alone: the card's headline is on the next line. */
export function isBareRelated(line: string): boolean {
  return line === 'Related';
}

/**
 * `RelatedTRT World - Title`, `Related Title`, `READ MORE: Title`. A spaced `Related …` line
 * is only taken as a card next to a marker or when it reads like a headline, so that a body
 * sentence starting with the word stays body.
 */
export function readCard(line: string, nextToMarker: boolean): Card | null {
  const glued = GLUED_RELATED.exec(line);
  if (glued) return splitPublisher(glued[1]);
  const readMore = READ_MORE.exec(line);
  if (readMore) return { title: readMore[1], publisher: '' };
  const spaced = SPACED_RELATED.exec(line);
  if (spaced && (nextToMarker || !endsLikeSentence(spaced[1]))) return { title: spaced[1], publisher: '' };
  return null;
}

/** `TRT World - Title` → publisher `TRT World`; only a short name counts as a publisher. */
function splitPublisher(text: string): Card {
  const dash = PUBLISHER_SPLIT.exec(text);
  const publisher = dash ? text.slice(0, dash.index) : '';
  if (dash && publisher.length <= 30 && wordCount(publisher) <= 4) {
    return { title: text.slice(dash.index + dash[0].length), publisher };
  }
  return { title: text, publisher: '' };
}
