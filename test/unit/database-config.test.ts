import path from 'path';
import { describe, expect, it } from 'vitest';
import databaseConfig from '../../config/database';

/** A stand-in for Strapi's `env` helper over a plain object. */
const envOf = (vars: Record<string, string>) => {
  const env = ((name: string, fallback?: string) => vars[name] ?? fallback) as any;
  env.int = (name: string, fallback?: number) => (vars[name] !== undefined ? Number(vars[name]) : fallback);
  env.bool = (name: string, fallback?: boolean) => (vars[name] !== undefined ? vars[name] === 'true' : fallback);
  return env;
};

const connectionFor = (vars: Record<string, string>) => (databaseConfig({ env: envOf(vars) } as never) as any).connection;

describe('config/database.ts', () => {
  it('defaults to SQLite at .tmp/data.db with no variables at all, and when DATABASE_FILENAME is empty', () => {
    for (const vars of [{}, { DATABASE_FILENAME: '' }] as Array<Record<string, string>>) {
      const connection = connectionFor(vars);
      expect(connection.client).toBe('sqlite');
      expect(connection.connection.filename.endsWith(path.join('.tmp', 'data.db'))).toBe(true);
    }
  });

  it('reads PostgreSQL and MySQL from DATABASE_URL', () => {
    expect(connectionFor({ DATABASE_CLIENT: 'postgres', DATABASE_URL: 'postgres://news:p%40ss@db.example:6543/newsroom' }).connection).toMatchObject({
      host: 'db.example',
      port: 6543,
      database: 'newsroom',
      user: 'news',
      password: 'p@ss',
    });
    expect(connectionFor({ DATABASE_CLIENT: 'mysql', DATABASE_URL: 'mysql://root@127.0.0.1/test' }).connection).toMatchObject({
      host: '127.0.0.1',
      port: 3306,
      database: 'test',
      user: 'root',
    });
  });

  it('reads the separate variables when there is no URL', () => {
    const connection = connectionFor({ DATABASE_CLIENT: 'postgres', DATABASE_HOST: 'pg', DATABASE_PORT: '5433', DATABASE_NAME: 'n', DATABASE_USERNAME: 'u', DATABASE_PASSWORD: 'x' });
    expect(connection).toMatchObject({ client: 'postgres', connection: { host: 'pg', port: 5433, database: 'n', user: 'u', password: 'x' } });
  });

  it('refuses an unknown client, naming it', () => {
    expect(() => connectionFor({ DATABASE_CLIENT: 'oracle' })).toThrow(/DATABASE_CLIENT must be sqlite, postgres or mysql \(got "oracle"\)/);
  });
});
