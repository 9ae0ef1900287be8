import { createHash } from 'crypto';

/** JSON with object keys sorted, so equal values always give equal text. */
export const stableStringify = (value: unknown): string => {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${stableStringify(item)}`).join(',')}}`;
};

export const hashText = (text: string | Uint8Array): string => createHash('sha256').update(text).digest('hex').slice(0, 32);

export const hashValue = (value: unknown): string => hashText(stableStringify(value));
