import { errors } from '@strapi/utils';
import { EXTERNAL_ID_PATTERN, PUSH_MAX_BYTES, PUSH_MAX_CAPTURES } from '../constants';
import type { PushedCapture } from '../sources';

export interface PushFlags {
  publish: boolean;
  dryRun: boolean;
  force: boolean;
}

export interface PushRequest {
  captures: PushedCapture[];
  flags: PushFlags;
}

const FLAGS = ['publish', 'dryRun', 'force'] as const;

const bad = (message: string) => new errors.ValidationError(message);

/** Over the push API's limits (413). */
export const overLimits = (what: string) =>
  new errors.PayloadTooLargeError(`${what}: a push holds at most ${PUSH_MAX_CAPTURES} captures and ${PUSH_MAX_BYTES / 1024 / 1024} MB`);

const checkExternalId = (value: unknown, where: string): string => {
  if (typeof value !== 'string') throw bad(`${where} is required: a string of 1 to 128 letters, digits, ".", "_" or "-"`);
  if (!EXTERNAL_ID_PATTERN.test(value)) {
    throw bad(`${where} "${value.slice(0, 140)}" is not a valid external id: 1 to 128 letters, digits, ".", "_" or "-"`);
  }
  return value;
};

const unknownKeys = (given: Record<string, unknown>, known: readonly string[], where: string) => {
  const unknown = Object.keys(given).filter((key) => !known.includes(key));
  if (unknown.length > 0) throw bad(`unknown ${where}: ${unknown.map((key) => `"${key.slice(0, 40)}"`).join(', ')} (known: ${known.join(', ')})`);
};

/** `?externalId=…&publish=true…` of the single-capture form. */
export const parseSingleQuery = (query: Record<string, unknown>): { externalId: string; flags: PushFlags } => {
  unknownKeys(query, ['externalId', ...FLAGS], 'query parameter');
  const flags = { publish: false, dryRun: false, force: false };
  for (const flag of FLAGS) {
    const value = query[flag];
    if (value === undefined) continue;
    if (value !== 'true' && value !== 'false') throw bad(`query parameter ${flag} must be true or false`);
    flags[flag] = value === 'true';
  }
  return { externalId: checkExternalId(query.externalId, 'query parameter externalId'), flags };
};

/** A JSON batch: `{ captures: [{ externalId, text }], publish, dryRun, force }`. */
export const parseBatch = (bytes: Buffer): PushRequest => {
  let body: unknown;
  try {
    body = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw bad(`the body is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw bad('the body must be a JSON object: { "captures": [ { "externalId", "text" } ] }');
  const fields = body as Record<string, unknown>;
  unknownKeys(fields, ['captures', ...FLAGS], 'field');
  const flags = { publish: false, dryRun: false, force: false };
  for (const flag of FLAGS) {
    if (fields[flag] === undefined) continue;
    if (typeof fields[flag] !== 'boolean') throw bad(`${flag} must be true or false`);
    flags[flag] = fields[flag] as boolean;
  }
  if (!Array.isArray(fields.captures)) throw bad('captures is required: an array of { "externalId", "text" }');
  if (fields.captures.length === 0) throw bad('captures is empty: send at least one capture');
  if (fields.captures.length > PUSH_MAX_CAPTURES) throw overLimits(`${fields.captures.length} captures`);

  const firstIndex = new Map<string, number>();
  const captures = fields.captures.map((capture: unknown, index): PushedCapture => {
    const where = `captures[${index}]`;
    if (typeof capture !== 'object' || capture === null || Array.isArray(capture)) throw bad(`${where} must be an object { "externalId", "text" }`);
    const entry = capture as Record<string, unknown>;
    unknownKeys(entry, ['externalId', 'text'], `field in ${where}`);
    const externalId = checkExternalId(entry.externalId, `${where}.externalId`);
    if (typeof entry.text !== 'string') throw bad(`${where}.text is required: the capture's text, as a string`);
    const earlier = firstIndex.get(externalId);
    if (earlier !== undefined) throw bad(`${where}.externalId "${externalId}" is also captures[${earlier}]'s: one capture per external id in a batch`);
    firstIndex.set(externalId, index);
    return { externalId, bytes: Buffer.from(entry.text, 'utf8') };
  });
  return { captures, flags };
};
