import crypto from 'crypto';
import { sortedKeys, withStableJsonBytes } from './stable-json-bytes';

/** Characters JSON.stringify escapes in a string (a lone surrogate, and sometimes a pair, sent there too). */
const ESCAPED = /["\\\u0000-\u001f\ud800-\udfff]/;

/**
 * JSON with object keys sorted, so equal values always give equal text: every stored hash is
 * the hash of this text. hashValue writes its bytes without building it (stable-json-bytes);
 * this is the definition its bytes are tested against (test/unit/text-and-hash.test.ts).
 */
export const stableStringify = (value: unknown): string => {
  if (value === undefined) return 'null';
  // The same text as JSON.stringify's, without a copy of a string that has nothing to escape (a body's paragraphs).
  if (typeof value === 'string') return ESCAPED.test(value) ? JSON.stringify(value) : `"${value}"`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) {
    let text = '[';
    for (let index = 0; index < value.length; index += 1) text += (index === 0 ? '' : ',') + stableStringify(value[index]);
    return `${text}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = sortedKeys(record);
  let text = '{';
  for (const key of keys) {
    const item = record[key];
    if (item === undefined) continue;
    text += `${text.length === 1 ? '' : ','}${JSON.stringify(key)}:${stableStringify(item)}`;
  }
  return `${text}}`;
};

/** The one-shot crypto.hash (Node 20.12) where there is one: a Hash object per call was a tenth of a capture's garbage. */
const sha256Hex: (text: string | Uint8Array) => string =
  typeof crypto.hash === 'function' ? (text) => crypto.hash('sha256', text, 'hex') : (text) => crypto.createHash('sha256').update(text).digest('hex');

export const hashText = (text: string | Uint8Array): string => sha256Hex(text).slice(0, 32);

/** hashText(stableStringify(value)), without building the text (see stable-json-bytes). */
export const hashValue = (value: unknown): string => withStableJsonBytes(value, hashText);
