import { createHash } from 'crypto';

/**
 * An object's keys in UTF-16 code unit order (that of the default sort), sorted in place by
 * insertion: objects here have a handful of keys, and Array#sort allocated a work area per call.
 */
const sortedKeys = (record: Record<string, unknown>): string[] => {
  const keys = Object.keys(record);
  for (let index = 1; index < keys.length; index += 1) {
    const key = keys[index];
    let at = index - 1;
    for (; at >= 0 && keys[at] > key; at -= 1) keys[at + 1] = keys[at];
    keys[at + 1] = key;
  }
  return keys;
};

/**
 * JSON with object keys sorted, so equal values always give equal text (stored hashes depend
 * on this exact text). Loops rather than entries/filter/sort/map: every field of every capture
 * goes through it, and those copies were a tenth of a cold import's CPU.
 */
export const stableStringify = (value: unknown): string => {
  if (value === undefined) return 'null';
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

export const hashText = (text: string | Uint8Array): string => createHash('sha256').update(text).digest('hex').slice(0, 32);

export const hashValue = (value: unknown): string => hashText(stableStringify(value));
