import { randomBytes } from 'crypto';

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const CHARACTERS = `${LETTERS}0123456789`;
/** Base-36 digits in character order, so that later times sort after earlier ones. */
const BASE_36 = `0123456789${LETTERS}`;
const LENGTH = 24;
/** Bytes at or above this would make some characters likelier than others: drawn again. */
const CHARACTER_LIMIT = 256 - (256 % CHARACTERS.length);
const POOL_BYTES = 4096;
/** Characters of a documentId that tell when it was made (a letter, then base-36 digits); the rest are random. */
const TIME_LENGTH = 8;
/** Milliseconds since 2024-01-01 UTC: the letter then counts spans of 36⁷ ms (~2.5 years), and comes round after 65 years. */
const TIME_ORIGIN = Date.UTC(2024, 0, 1);
const SPAN = 36 ** (TIME_LENGTH - 1);

let pool = randomBytes(POOL_BYTES);
let offset = 0;

const nextByte = () => {
  if (offset === pool.length) {
    pool = randomBytes(POOL_BYTES);
    offset = 0;
  }
  const byte = pool[offset];
  offset += 1;
  return byte;
};

/** A character code of CHARACTERS, every one equally likely. */
const draw = () => {
  for (;;) {
    const byte = nextByte();
    if (byte < CHARACTER_LIMIT) return CHARACTERS.charCodeAt(byte % CHARACTERS.length);
  }
};

/** The codes of the id being drawn: the string is made once, from all of them (adding a character at a time made 23 strings). */
const codes: number[] = new Array(LENGTH).fill(0);

/** The time part: a letter for the span, then the milliseconds into it in base 36, zero-padded. */
const writeTime = (now: number) => {
  const since = Math.max(0, now - TIME_ORIGIN);
  codes[0] = LETTERS.charCodeAt(Math.floor(since / SPAN) % LETTERS.length);
  let rest = since % SPAN;
  for (let index = TIME_LENGTH - 1; index >= 1; index -= 1) {
    codes[index] = BASE_36.charCodeAt(rest % 36);
    rest = Math.floor(rest / 36);
  }
};

/**
 * A new documentId, in the shape Strapi's own generator (cuid2) gives one: 24 characters, a
 * lowercase letter then lowercase letters and digits. Its first eight tell when it was made
 * and the other sixteen (about 82 bits) are drawn from the system's cryptographic source, a
 * pool at a time: unguessable, as cuid2's are, and with the ids of one run side by side in the
 * documents index — cuid2's wholly random ids land on a random page of that index each, and
 * at 100,000 articles (with ~17 links each) those pages no longer stay in SQLite's cache.
 * (cuid2 itself hashes each id with SHA-3 through BigInt arithmetic: a tenth of a cold import.)
 */
export const newDocumentId = (): string => {
  writeTime(Date.now());
  for (let index = TIME_LENGTH; index < LENGTH; index += 1) codes[index] = draw();
  return String.fromCharCode.apply(null, codes);
};
