import { randomBytes } from 'crypto';

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const CHARACTERS = `${LETTERS}0123456789`;
const LENGTH = 24;
/** Bytes at or above this would make some characters likelier than others: drawn again. */
const LETTER_LIMIT = 256 - (256 % LETTERS.length);
const CHARACTER_LIMIT = 256 - (256 % CHARACTERS.length);
const POOL_BYTES = 4096;

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

/** A character code of `alphabet`, every one equally likely. */
const draw = (alphabet: string, limit: number) => {
  for (;;) {
    const byte = nextByte();
    if (byte < limit) return alphabet.charCodeAt(byte % alphabet.length);
  }
};

/** The codes of the id being drawn: the string is made once, from all of them (adding a character at a time made 23 strings). */
const codes: number[] = new Array(LENGTH).fill(0);

/**
 * A new documentId, in the shape Strapi's own generator (cuid2) gives one: 24 characters, a
 * lowercase letter then lowercase letters and digits (about 124 random bits), drawn from the
 * system's cryptographic source a pool at a time. The importer writes one per article and per
 * related link; cuid2 hashes each with SHA-3 through BigInt arithmetic, which cost a tenth of
 * a cold import's time and much of its garbage.
 */
export const newDocumentId = (): string => {
  codes[0] = draw(LETTERS, LETTER_LIMIT);
  for (let index = 1; index < LENGTH; index += 1) codes[index] = draw(CHARACTERS, CHARACTER_LIMIT);
  return String.fromCharCode.apply(null, codes);
};
