/**
 * The UTF-8 bytes of `stableStringify(value)` (plan/hash), written straight into a buffer that
 * is reused from call to call. Hashing a value used to build its JSON text as a string and hand
 * it to the hash, which copied it flat and then encoded it: about 40 KB of short-lived strings
 * per capture (an article's body is hashed twice), a sixth of a cold import's garbage. Same
 * bytes, so the same hashes as every stored one (test/unit/text-and-hash.test.ts compares them).
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const HEX = [0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66];
/** The short escapes JSON.stringify writes for these control characters (others become \u00XX). */
const SHORT_ESCAPES: Record<number, number> = { 0x08: 0x62, 0x09: 0x74, 0x0a: 0x6e, 0x0c: 0x66, 0x0d: 0x72 };

const INITIAL_BYTES = 64 * 1024;

let buffer = new Uint8Array(INITIAL_BYTES);
let length = 0;

const reserve = (bytes: number) => {
  if (length + bytes <= buffer.length) return;
  const grown = new Uint8Array(Math.max(buffer.length * 2, length + bytes));
  grown.set(buffer.subarray(0, length));
  buffer = grown;
};

/** Text made of ASCII characters only (punctuation, numbers, literals). */
const writeAscii = (text: string) => {
  reserve(text.length);
  for (let index = 0; index < text.length; index += 1) buffer[length++] = text.charCodeAt(index);
};

const writeUnicodeEscape = (code: number) => {
  buffer[length++] = BACKSLASH;
  buffer[length++] = 0x75;
  buffer[length++] = HEX[(code >> 12) & 15];
  buffer[length++] = HEX[(code >> 8) & 15];
  buffer[length++] = HEX[(code >> 4) & 15];
  buffer[length++] = HEX[code & 15];
};

/** A string as JSON.stringify writes it (quotes, escapes, lone surrogates as \udXXX), in UTF-8. */
const writeString = (text: string) => {
  // At most six bytes per UTF-16 unit (an escape), and the quotes.
  reserve(text.length * 6 + 2);
  const out = buffer;
  let at = length;
  out[at++] = QUOTE;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code < 0x80) {
      if (code >= 0x20 && code !== QUOTE && code !== BACKSLASH) {
        out[at++] = code;
      } else if (code === QUOTE || code === BACKSLASH) {
        out[at++] = BACKSLASH;
        out[at++] = code;
      } else if (SHORT_ESCAPES[code] !== undefined) {
        out[at++] = BACKSLASH;
        out[at++] = SHORT_ESCAPES[code];
      } else {
        length = at;
        writeUnicodeEscape(code);
        at = length;
      }
    } else if (code < 0x800) {
      out[at++] = 0xc0 | (code >> 6);
      out[at++] = 0x80 | (code & 0x3f);
    } else if (code >= 0xd800 && code <= 0xdfff) {
      const next = index + 1 < text.length ? text.charCodeAt(index + 1) : 0;
      if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        const point = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00);
        out[at++] = 0xf0 | (point >> 18);
        out[at++] = 0x80 | ((point >> 12) & 0x3f);
        out[at++] = 0x80 | ((point >> 6) & 0x3f);
        out[at++] = 0x80 | (point & 0x3f);
        index += 1;
      } else {
        length = at;
        writeUnicodeEscape(code);
        at = length;
      }
    } else {
      out[at++] = 0xe0 | (code >> 12);
      out[at++] = 0x80 | ((code >> 6) & 0x3f);
      out[at++] = 0x80 | (code & 0x3f);
    }
  }
  out[at++] = QUOTE;
  length = at;
};

/**
 * An object's keys in UTF-16 code unit order (that of the default sort), sorted in place by
 * insertion: objects here have a handful of keys, and Array#sort allocated a work area per call.
 */
export const sortedKeys = (record: Record<string, unknown>): string[] => {
  const keys = Object.keys(record);
  for (let index = 1; index < keys.length; index += 1) {
    const key = keys[index];
    let at = index - 1;
    for (; at >= 0 && keys[at] > key; at -= 1) keys[at + 1] = keys[at];
    keys[at + 1] = key;
  }
  return keys;
};

const writeValue = (value: unknown): void => {
  if (value === undefined || value === null) return writeAscii('null');
  if (typeof value === 'string') return writeString(value);
  // Numbers, booleans (and anything else JSON.stringify writes as a literal), as stableStringify does.
  if (typeof value !== 'object') return writeAscii(String(JSON.stringify(value)));
  if (Array.isArray(value)) {
    writeAscii('[');
    for (let index = 0; index < value.length; index += 1) {
      if (index > 0) writeAscii(',');
      writeValue(value[index]);
    }
    return writeAscii(']');
  }
  const record = value as Record<string, unknown>;
  writeAscii('{');
  let first = true;
  for (const key of sortedKeys(record)) {
    const item = record[key];
    if (item === undefined) continue;
    if (!first) writeAscii(',');
    first = false;
    writeString(key);
    writeAscii(':');
    writeValue(item);
  }
  writeAscii('}');
};

/**
 * Calls `use` with the UTF-8 bytes of `stableStringify(value)`. The bytes are valid only
 * during the call: the buffer is written again by the next one.
 */
export const withStableJsonBytes = <T>(value: unknown, use: (bytes: Uint8Array) => T): T => {
  length = 0;
  writeValue(value);
  const result = use(buffer.subarray(0, length));
  // An unusually large value (a capture of megabytes) does not keep its buffer for the rest of the run.
  if (buffer.length > 16 * INITIAL_BYTES) buffer = new Uint8Array(INITIAL_BYTES);
  return result;
};
