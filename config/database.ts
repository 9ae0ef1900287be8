import path from 'path';
import type { Core } from '@strapi/strapi';

type Client = 'sqlite' | 'postgres' | 'mysql';

const DEFAULT_PORTS: Record<Exclude<Client, 'sqlite'>, number> = { postgres: 5432, mysql: 3306 };

/** DATABASE_URL wins over the separate variables; either way knex gets plain fields. */
const serverConnection = (client: Exclude<Client, 'sqlite'>, env: Core.Config.Shared.ConfigParams['env']) => {
  const url = env('DATABASE_URL');
  if (url) {
    const parsed = new URL(url);
    return {
      host: parsed.hostname,
      port: Number(parsed.port || DEFAULT_PORTS[client]),
      database: decodeURIComponent(parsed.pathname.replace(/^\//, '')),
      user: decodeURIComponent(parsed.username),
      password: decodeURIComponent(parsed.password),
    };
  }
  return {
    host: env('DATABASE_HOST', '127.0.0.1'),
    port: env.int('DATABASE_PORT', DEFAULT_PORTS[client]),
    database: env('DATABASE_NAME', 'strapi'),
    user: env('DATABASE_USERNAME', client === 'mysql' ? 'root' : 'postgres'),
    password: env('DATABASE_PASSWORD', ''),
  };
};

export default ({ env }: Core.Config.Shared.ConfigParams) => {
  const client = env('DATABASE_CLIENT', 'sqlite') as Client;
  const pool = { min: env.int('DATABASE_POOL_MIN', 2), max: env.int('DATABASE_POOL_MAX', 10) };
  const acquireConnectionTimeout = env.int('DATABASE_CONNECTION_TIMEOUT', 60000);

  if (client === 'postgres' || client === 'mysql') {
    return {
      connection: {
        client,
        connection: {
          ...serverConnection(client, env),
          ...(client === 'postgres' ? { schema: env('DATABASE_SCHEMA', 'public') } : {}),
          ssl: env.bool('DATABASE_SSL', false) ? { rejectUnauthorized: env.bool('DATABASE_SSL_REJECT_UNAUTHORIZED', true) } : false,
        },
        pool,
        acquireConnectionTimeout,
      },
    };
  }

  if (client !== 'sqlite') {
    throw new Error(`DATABASE_CLIENT must be sqlite, postgres or mysql (got "${client}")`);
  }

  // An empty DATABASE_FILENAME (as create-strapi-app's .env leaves it) means the default.
  const filename = env('DATABASE_FILENAME') || '.tmp/data.db';
  return {
    connection: {
      client: 'sqlite',
      connection: { filename: path.resolve(__dirname, '..', '..', filename) },
      useNullAsDefault: true,
      acquireConnectionTimeout,
      pool: {
        /*
         * Runs after Strapi's own set-up of each connection (foreign keys). SQLite's default
         * rollback journal with synchronous=FULL syncs the disk several times per commit, and
         * Strapi commits at least once per document written: tens of milliseconds each on an
         * ordinary disk. WAL with synchronous=NORMAL syncs only at checkpoints; a commit stays
         * atomic and the file consistent after a crash (a power cut may lose the last commits,
         * never half of one). Readers also no longer block the writer.
         */
        afterCreate: (connection: { pragma(sql: string): unknown }, done: (error: Error | null, connection: unknown) => void) => {
          try {
            connection.pragma('journal_mode = WAL');
            connection.pragma('synchronous = NORMAL');
            done(null, connection);
          } catch (error) {
            done(error as Error, connection);
          }
        },
      },
    },
  };
};
