import type { Card } from './related';
import type { ParsedRelatedLink } from './types';

/** Recommended cards first, then the explore list, each numbered from 0 in page order. */
export function toRelatedLinks(cards: Card[], exploreTitles: string[]): ParsedRelatedLink[] {
  return [
    ...cards.map((card, position) => ({ kind: 'recommended' as const, position, title: card.title, publisher: card.publisher })),
    ...exploreTitles.map((title, position) => ({ kind: 'explore' as const, position, title, publisher: '' })),
  ];
}
