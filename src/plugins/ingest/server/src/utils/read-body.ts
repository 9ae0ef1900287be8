import type { IncomingMessage } from 'node:http';

export type BodyResult = { ok: true; bytes: Buffer } | { ok: false; tooLarge: true; size: number | null };

/**
 * A request's raw bytes, refused past `maxBytes`: from its Content-Length before reading
 * anything, else as soon as the bytes read pass the limit (a chunked body has no length).
 */
export const readBody = (req: IncomingMessage, maxBytes: number): Promise<BodyResult> => {
  const declared = req.headers['content-length'] === undefined ? null : Number(req.headers['content-length']);
  if (declared !== null && declared > maxBytes) return Promise.resolve({ ok: false, tooLarge: true, size: declared });
  // Read already (by a body parser): waiting for its end would wait forever.
  if (req.readableEnded) return Promise.reject(new Error('the request body was already read'));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const onData = (chunk: Buffer) => {
      total += chunk.length;
      if (total > maxBytes) {
        cleanup();
        // What is left is not read: the answer goes now and the connection closes after it.
        req.pause();
        resolve({ ok: false, tooLarge: true, size: null });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve({ ok: true, bytes: Buffer.concat(chunks, total) });
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
};
