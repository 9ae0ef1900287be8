import crypto from 'crypto';
import fs from 'fs';
import path from 'path';

/**
 * Secrets for a machine that has no `.env`: production must set them, but a fresh clone
 * (development, tests, `npm run seed`) should boot without a hand-made file. Generated once
 * and kept in `.tmp/dev-secrets.json` (git-ignored) so admin sessions survive a restart.
 */
const SECRET_NAMES = ['APP_KEYS', 'API_TOKEN_SALT', 'ADMIN_JWT_SECRET', 'TRANSFER_TOKEN_SALT', 'JWT_SECRET', 'ENCRYPTION_KEY'] as const;
export type SecretName = (typeof SECRET_NAMES)[number];

const appRoot = path.resolve(__dirname, '..', '..', '..');
const secretsFile = path.join(appRoot, '.tmp', 'dev-secrets.json');

let cache: Record<SecretName, string> | undefined;

const randomSecret = (name: SecretName) =>
  name === 'APP_KEYS'
    ? Array.from({ length: 4 }, () => crypto.randomBytes(16).toString('base64')).join(',')
    : crypto.randomBytes(16).toString('base64');

// Another process may have won the race to create the file: prefer what is on disk.
const loadOrCreateOnce = (fallback: Record<SecretName, string>) => {
  try {
    return JSON.parse(fs.readFileSync(secretsFile, 'utf8')) as Record<SecretName, string>;
  } catch {
    return fallback;
  }
};

const loadOrCreate = (): Record<SecretName, string> => {
  try {
    const stored = JSON.parse(fs.readFileSync(secretsFile, 'utf8')) as Partial<Record<SecretName, string>>;
    if (SECRET_NAMES.every((name) => typeof stored[name] === 'string')) return stored as Record<SecretName, string>;
  } catch {
    // missing or unreadable: make a new set below
  }
  const created = Object.fromEntries(SECRET_NAMES.map((name) => [name, randomSecret(name)])) as Record<SecretName, string>;
  fs.mkdirSync(path.dirname(secretsFile), { recursive: true });
  // Write then rename: test workers booting together must not read a half-written file.
  const partial = `${secretsFile}.${process.pid}.${crypto.randomBytes(4).toString('hex')}`;
  fs.writeFileSync(partial, JSON.stringify(created, null, 2), { mode: 0o600 });
  fs.renameSync(partial, secretsFile);
  return loadOrCreateOnce(created);
};

export const secret = (name: SecretName): string => {
  const fromEnv = process.env[name];
  if (fromEnv) return fromEnv;
  if (process.env.NODE_ENV === 'production') {
    throw new Error(`${name} must be set in production (see .env.example)`);
  }
  cache ??= loadOrCreate();
  return cache[name];
};

export const appKeys = (): string[] => secret('APP_KEYS').split(',').map((key) => key.trim()).filter(Boolean);
