import { tooLarge } from '../read';
import { entryListOf } from './entry-list';
import type { CaptureSource } from './types';

export interface PushedCapture {
  externalId: string;
  bytes: Uint8Array;
}

/**
 * Captures sent in a request body (the push API), imported in the order given. Their ids were
 * checked at the edge (valid, no two alike). They have no fingerprint: an unchanged capture is
 * known by the hash of its bytes. A push holds only what it sends, so nothing is reported
 * missing.
 */
export const createPushedSource = (captures: PushedCapture[], options: { maxBytes: number }): CaptureSource => {
  const bytesOf = new Map(captures.map((capture) => [capture.externalId, capture.bytes]));
  return {
    location: null,
    complete: false,
    list: async () => entryListOf(captures.map(({ externalId }) => ({ externalId, name: null, fingerprint: null }))),
    async read(entry) {
      const bytes = bytesOf.get(entry.externalId);
      if (bytes === undefined) return { ok: false, reason: 'not in this push' };
      if (bytes.length > options.maxBytes) return { ok: false, reason: tooLarge(bytes.length, options.maxBytes) };
      return { ok: true, bytes };
    },
  };
};
