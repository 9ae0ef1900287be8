import { isPromoLine } from './furniture';
import { isBareRelated, isRecommendedMarker, readCard, type Card } from './related';
import { mergeSources, readSourceLine } from './sources';
import { endsInPunctuation, fitsGraphemes, wordCount } from './measure';
import type { CaptureLine } from './text';
import type { BodyBlock } from './types';

/** What the body zone holds once cards, markers, furniture and the source line are taken out. */
export interface BodyReading {
  blocks: BodyBlock[];
  cards: Card[];
  sources: string[];
  /** The plain text lines, in order, for telling an article from a list of headlines. */
  textLines: string[];
  warnings: string[];
}

type Item =
  | { kind: 'text'; line: CaptureLine }
  | { kind: 'marker'; line: CaptureLine }
  | { kind: 'card'; line: CaptureLine; card: Card };

export function readBody(lines: CaptureLine[]): BodyReading {
  const { items, sources } = itemise(lines);
  const texts = items.filter((item) => item.kind === 'text').map((item) => item.line.text);
  return {
    blocks: texts.map((text, index) => ({ type: isSubhead(text) && index < texts.length - 1 ? 'heading' : 'paragraph', text })),
    cards: items.flatMap((item) => (item.kind === 'card' ? [item.card] : [])),
    sources,
    textLines: texts,
    warnings: lonelyMarkerWarnings(items),
  };
}

/** A short line without final punctuation, between paragraphs: a subhead. */
export function isSubhead(text: string): boolean {
  return !endsInPunctuation(text) && wordCount(text) <= 12 && fitsGraphemes(text, 100);
}

function itemise(lines: CaptureLine[]): { items: Item[]; sources: string[] } {
  const items: Item[] = [];
  let sources: string[] = [];
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index];
    const named = readSourceLine(line.text);
    if (named !== null) sources = mergeSources(sources, named);
    else if (isPromoLine(line.text)) continue;
    else if (isRecommendedMarker(line.text)) items.push({ kind: 'marker', line });
    else if (isBareRelated(line.text) && index + 1 < lines.length) {
      index += 1;
      items.push({ kind: 'card', line, card: { title: lines[index].text, publisher: '' } });
    } else items.push(cardOrText(line, followsMarker(items)));
  }
  return { items, sources };
}

function cardOrText(line: CaptureLine, nextToMarker: boolean): Item {
  const card = readCard(line.text, nextToMarker);
  return card ? { kind: 'card', line, card } : { kind: 'text', line };
}

/** The marker, or the marker and one subhead, came just before. */
function followsMarker(items: Item[]): boolean {
  const last = items.at(-1);
  const beforeLast = items.at(-2);
  if (last?.kind === 'marker') return true;
  return last?.kind === 'text' && isSubhead(last.line.text) && beforeLast?.kind === 'marker';
}

/** A marker needs a card beside it, allowing for one subhead in between, on either side. */
function lonelyMarkerWarnings(items: Item[]): string[] {
  return items.flatMap((item, index) => {
    if (item.kind !== 'marker' || hasCardNear(items, index, 1) || hasCardNear(items, index, -1)) return [];
    return [`line ${item.line.lineNo}: "${item.line.text}" marker with no recommended card after it`];
  });
}

function hasCardNear(items: Item[], index: number, step: 1 | -1): boolean {
  const next = items[index + step];
  if (next?.kind === 'card') return true;
  const afterSubhead = items[index + 2 * step];
  return next?.kind === 'text' && isSubhead(next.line.text) && afterSubhead?.kind === 'card';
}
