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
    },
  };
};
