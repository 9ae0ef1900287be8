import crypto from 'crypto';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { createRequire } from 'module';

// Throwaway databases for the tests and the benchmark: a fresh one per test file or bench phase.
const appRequire = createRequire(path.resolve(__dirname, '..', '..', 'package.json'));

export type TestDatabaseClient = 'sqlite' | 'postgres' | 'mysql';

export interface TestDatabase {
  client: TestDatabaseClient;
  /** Environment variables that point `config/database.ts` at this database. */
  env: Record<string, string>;
  drop(): Promise<void>;
}

export const testDatabaseClient = (): TestDatabaseClient => {
  const wanted = (process.env.TEST_DATABASE ?? 'sqlite').toLowerCase();
  if (wanted === 'postgres' || wanted === 'postgresql') return 'postgres';
  if (wanted === 'mysql' || wanted === 'mariadb') return 'mysql';
  return 'sqlite';
};

const SERVER = {
  postgres: { host: process.env.TEST_PG_HOST ?? '127.0.0.1', port: 5432, user: process.env.TEST_PG_USER ?? 'postgres', password: '' },
  mysql: { host: process.env.TEST_MYSQL_HOST ?? '127.0.0.1', port: 3306, user: process.env.TEST_MYSQL_USER ?? 'root', password: '' },
};

const runAdminQuery = async (client: 'postgres' | 'mysql', sql: string) => {
  if (client === 'postgres') {
    const { Client } = appRequire('pg');
    const connection = new Client({ ...SERVER.postgres, database: 'postgres', connectionTimeoutMillis: 3000 });
    await connection.connect();
    try {
      await connection.query(sql);
    } finally {
      await connection.end();
    }
    return;
  }
  const mysql = appRequire('mysql2/promise');
  const connection = await mysql.createConnection({ ...SERVER.mysql, connectTimeout: 3000 });
  try {
    await connection.query(sql);
  } finally {
    await connection.end();
  }
};

/** Why a server database cannot be used here, or undefined when it can. */
export const unavailableReason = async (client: TestDatabaseClient): Promise<string | undefined> => {
  if (client === 'sqlite') return undefined;
  try {
    await runAdminQuery(client, 'SELECT 1');
    return undefined;
  } catch (error) {
    const { host, port } = SERVER[client];
    return `${client} at ${host}:${port} is not reachable (${(error as Error).message})`;
  }
};

/** A fresh, empty database of the given kind, private to one test file. */
export const createTestDatabase = async (client: TestDatabaseClient = testDatabaseClient()): Promise<TestDatabase> => {
  const name = `ingest_test_${Date.now().toString(36)}_${crypto.randomBytes(3).toString('hex')}`;

  if (client === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-test-'));
    return {
      client,
      env: { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: path.join(dir, 'data.db') },
      async drop() {
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }

  await runAdminQuery(client, `CREATE DATABASE ${name}`);
  const { host, port, user, password } = SERVER[client];
  return {
    client,
    env: {
      DATABASE_CLIENT: client,
      DATABASE_HOST: host,
      DATABASE_PORT: String(port),
      DATABASE_NAME: name,
      DATABASE_USERNAME: user,
      DATABASE_PASSWORD: password,
      DATABASE_URL: '',
    },
    async drop() {
      await runAdminQuery(client, client === 'postgres' ? `DROP DATABASE IF EXISTS ${name} WITH (FORCE)` : `DROP DATABASE IF EXISTS ${name}`);
    },
  };
};
