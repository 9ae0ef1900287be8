import { Cron } from 'croner';
import { errors } from '@strapi/utils';
import { DEFAULT_MAX_FILE_BYTES } from '../constants';

export interface IngestConfig {
  /** A cron rule; empty means no scheduled import. */
  cron: string;
  dir: string;
  /** `INGEST_PUBLISH`: a boolean, or the variable's text (`true`, `false`, `1`, `0`, `yes`, `no`). */
  publish: boolean | string;
  maxFileBytes: number;
  /** How long a run's lock lives without renewal: a crashed holder blocks others at most this long. */
  lockLeaseMs: number;
  /** How long a run waits for another run's lock before giving up. */
  lockWaitMs: number;
  /** How many of the newest runs that listed items keep them; older runs keep their counts only. */
  keepRuns: number;
}

const defaults: IngestConfig = {
  cron: '',
  dir: './seeds',
  publish: false,
  maxFileBytes: DEFAULT_MAX_FILE_BYTES,
  lockLeaseMs: 30_000,
  lockWaitMs: 10_000,
  keepRuns: 100,
};

// Strapi's cron service runs rules with croner: ask the same parser whether a rule is valid.
export const isCronRule = (rule: string) => {
  try {
    new Cron(rule, { paused: true }).stop();
    return true;
  } catch {
    return false;
  }
};

export const parseBoolean = (value: boolean | string): boolean | undefined => {
  if (typeof value === 'boolean') return value;
  const text = value.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(text)) return true;
  if (['false', '0', 'no', 'off', ''].includes(text)) return false;
  return undefined;
};

const positiveInt = (value: unknown) => typeof value === 'number' && Number.isInteger(value) && value > 0;

export default {
  default: defaults,
  validator(config: Partial<IngestConfig>) {
    if (config.cron && !isCronRule(config.cron)) {
      throw new errors.ValidationError(
        `INGEST_CRON is not a valid cron rule: "${config.cron}" (expected 5 or 6 fields, e.g. "0 */15 * * * *")`
      );
    }
    if (config.dir !== undefined && (typeof config.dir !== 'string' || config.dir.trim() === '')) {
      throw new errors.ValidationError('INGEST_DIR must be a folder path');
    }
    if (config.publish !== undefined && parseBoolean(config.publish) === undefined) {
      throw new errors.ValidationError(`INGEST_PUBLISH must be true or false (got "${config.publish}")`);
    }
    for (const key of ['maxFileBytes', 'lockLeaseMs', 'lockWaitMs'] as const) {
      if (config[key] !== undefined && !positiveInt(config[key])) {
        throw new errors.ValidationError(`ingest config "${key}" must be a positive integer`);
      }
    }
    if (config.keepRuns !== undefined && !(Number.isInteger(config.keepRuns) && config.keepRuns >= 0)) {
      throw new errors.ValidationError(`INGEST_KEEP_RUNS must be a whole number ≥ 0 (got "${config.keepRuns}")`);
    }
  },
};
