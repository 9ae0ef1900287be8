import { expect } from 'vitest';

/** What an anonymous client sees: the status, the parsed JSON body and the raw text. */
export interface HttpAnswer {
  status: number;
  contentType: string | null;
  text: string;
  body: any;
}

const answer = async (response: Response): Promise<HttpAnswer> => {
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  return { status: response.status, contentType: response.headers.get('content-type'), text, body };
};

/** An anonymous request (no Authorization header), as a site visitor would make it. */
export const request = async (baseUrl: string, method: string, path: string, json?: unknown): Promise<HttpAnswer> =>
  answer(
    await fetch(`${baseUrl}${path}`, {
      method,
      headers: json === undefined ? {} : { 'content-type': 'application/json' },
      body: json === undefined ? undefined : JSON.stringify(json),
    })
  );

export const getJson = (baseUrl: string, path: string) => request(baseUrl, 'GET', path);

/** A GraphQL query over HTTP, anonymous. */
export const graphql = (baseUrl: string, query: string, variables?: Record<string, unknown>) =>
  request(baseUrl, 'POST', '/graphql', { query, variables });

/** Every key anywhere in a JSON value, for asserting a field never appears. */
export const allKeys = (value: unknown, keys = new Set<string>()): Set<string> => {
  if (Array.isArray(value)) {
    for (const entry of value) allKeys(entry, keys);
  } else if (value && typeof value === 'object') {
    for (const [key, entry] of Object.entries(value)) {
      keys.add(key);
      allKeys(entry, keys);
    }
  }
  return keys;
};

/**
 * Asks for each path and expects the 400 Strapi answers for a bad query (a ValidationError,
 * its message matching `message` when given, no stack or SQL in it). Returns the answers.
 */
export const expectRefused = async (ask: (path: string) => Promise<HttpAnswer>, paths: string[], message?: RegExp): Promise<HttpAnswer[]> => {
  const answers: HttpAnswer[] = [];
  for (const path of paths) {
    const answer = await ask(path);
    expect(answer.status, `${path} ${answer.text}`).toBe(400);
    expect(answer.body.error.name, path).toBe('ValidationError');
    if (message) expect(answer.body.error.message, path).toMatch(message);
    expect(answer.text, path).not.toMatch(/select|node_modules|\.js:\d+/i);
    answers.push(answer);
  }
  return answers;
};
