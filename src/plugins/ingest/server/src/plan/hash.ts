import { createHash } from 'crypto';

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
  // The default sort compares UTF-16 code units, as `<` does.
  const keys = Object.keys(record).sort();
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
