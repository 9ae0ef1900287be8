// Site furniture captured along with the story: never content.
const PROMO_LINES = [
  /^click here to follow our whatsapp channel\b/i,
  /^loading(\.\.\.|…)?$/i,
  /^sneak a peek at trt global\b/i,
];

export function isPromoLine(line: string): boolean {
  return PROMO_LINES.some((pattern) => pattern.test(line));
}
