import http from 'http';
import type { Core } from '@strapi/strapi';

export const PUSH_PATH = '/api/ingest/captures';
export const PUSH_ACTION = 'plugin::ingest.captures.push';

export interface PushAnswer {
  status: number;
  headers: Headers;
  body: any;
}

/** An API token as Settings → API Tokens creates it; returns its access key. */
export const createApiToken = async (
  strapi: Core.Strapi,
  name: string,
  type: 'read-only' | 'full-access' | 'custom',
  permissions: string[] = []
): Promise<string> => {
  const token = await strapi.service('admin::api-token-content-api').create({
    name,
    description: `test token ${name}`,
    type,
    lifespan: null,
    ...(type === 'custom' ? { permissions } : {}),
  });
  return token.accessKey as string;
};

/** POST /api/ingest/captures with the given body, content type and token. */
export const push = async (
  baseUrl: string,
  options: { token?: string; contentType?: string | null; body?: string | Buffer | Uint8Array; query?: string; headers?: Record<string, string> }
): Promise<PushAnswer> => {
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.contentType) headers['content-type'] = options.contentType;
  const response = await fetch(`${baseUrl}${PUSH_PATH}${options.query ? `?${options.query}` : ''}`, {
    method: 'POST',
    headers,
    body: options.body as RequestInit['body'],
  });
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = text;
  }
  return { status: response.status, headers: response.headers, body };
};

export const pushText = (baseUrl: string, token: string | undefined, externalId: string, text: string | Buffer, flags = '') =>
  push(baseUrl, { token, contentType: 'text/plain; charset=utf-8', body: text, query: `externalId=${encodeURIComponent(externalId)}${flags ? `&${flags}` : ''}` });

export const pushBatch = (baseUrl: string, token: string | undefined, batch: unknown) =>
  push(baseUrl, { token, contentType: 'application/json', body: JSON.stringify(batch) });

/**
 * A chunked request (no Content-Length) that sends `chunk` until the server answers or
 * `maxBytes` are sent: the server must refuse it from what it has read.
 */
export const pushEndless = (baseUrl: string, token: string, chunk: Buffer, maxBytes: number): Promise<{ status: number; sent: number }> =>
  new Promise((resolve, reject) => {
    const url = new URL(`${baseUrl}${PUSH_PATH}?externalId=endless`);
    let sent = 0;
    const req = http.request(
      { hostname: url.hostname, port: url.port, path: `${url.pathname}${url.search}`, method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain' } },
      (res) => {
        res.resume();
        resolve({ status: res.statusCode ?? 0, sent });
        req.destroy();
      }
    );
    // Once answered, the server closes the connection under the writes still going.
    req.on('error', (error) => (sent > 0 ? resolve({ status: -1, sent }) : reject(error)));
    const write = () => {
      while (sent < maxBytes && !req.destroyed) {
        sent += chunk.length;
        if (!req.write(chunk)) {
          req.once('drain', write);
          return;
        }
      }
      req.end();
    };
    write();
  });
