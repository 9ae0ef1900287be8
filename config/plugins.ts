import type { Core } from '@strapi/strapi';
import { depthLimit } from '../src/graphql/depth-limit';
import { fieldLimit } from '../src/graphql/field-limit';
import { formatPublicGraphqlError } from '../src/graphql/format-error';
import { secret } from '../src/utils/dev-secrets';

export default ({ env }: Core.Config.Shared.ConfigParams) => {
  const graphqlDepthLimit = env.int('GRAPHQL_DEPTH_LIMIT', 7);
  return {
  'users-permissions': {
    config: { jwtSecret: secret('JWT_SECRET') },
  },
  graphql: {
    config: {
      endpoint: '/graphql',
      shadowCRUD: true,
      // A query nested deeper than this, or asking for more rows than maxLimit, is refused.
      depthLimit: graphqlDepthLimit,
      defaultLimit: 25,
      maxLimit: 100,
      landingPage: env('NODE_ENV') !== 'production',
      apolloServer: {
        introspection: true,
        // Replaces the plugin's list (merged by index): its depth limit first, then a field count.
        validationRules: [depthLimit(graphqlDepthLimit), fieldLimit(env.int('GRAPHQL_MAX_FIELDS', 200))],
        // No stack traces or SQL in answers, in development too.
        includeStacktraceInErrorResponses: false,
        formatError: formatPublicGraphqlError,
      },
    },
  },
  ingest: {
    enabled: true,
    resolve: './src/plugins/ingest',
    config: {
      cron: env('INGEST_CRON', ''),
      dir: env('INGEST_DIR', './seeds'),
      publish: env('INGEST_PUBLISH', 'false'),
      maxFileBytes: env.int('INGEST_MAX_FILE_BYTES', 5 * 1024 * 1024),
      lockLeaseMs: env.int('INGEST_LOCK_LEASE_MS', 30_000),
      lockWaitMs: env.int('INGEST_LOCK_WAIT_MS', 10_000),
      keepRuns: env.int('INGEST_KEEP_RUNS', 100),
    },
  },
};
};
