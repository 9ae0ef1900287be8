import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { errors } from '@strapi/utils';

const PUBLIC_CODES: Array<[new (...args: any[]) => Error, string]> = [
  [errors.ForbiddenError, 'FORBIDDEN'],
  [errors.UnauthorizedError, 'FORBIDDEN'],
  [errors.ValidationError, 'BAD_USER_INPUT'],
];

/** The error a resolver threw, under the GraphQLError wrappers around it. */
const rootCause = (error: unknown): unknown => {
  let current = error;
  while (current instanceof GraphQLError && current.originalError) current = current.originalError;
  return current;
};

const strapiCode = (name: string) => `STRAPI_${name.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase()}`;

/**
 * What a GraphQL client reads of an error: never a stack trace or a file path, and for an
 * error that is neither Strapi's nor GraphQL's own (a database error, a bug) only
 * "Internal Server Error": its message can hold a whole SQL statement. The real error is logged.
 */
export const formatPublicGraphqlError = (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
  const { stacktrace: _stacktrace, ...extensions } = (formatted.extensions ?? {}) as Record<string, unknown>;
  const cause = rootCause(error);
  const base: GraphQLFormattedError = { message: formatted.message };
  if (formatted.locations) Object.assign(base, { locations: formatted.locations });
  if (formatted.path) Object.assign(base, { path: formatted.path });

  if (cause instanceof errors.ApplicationError || cause instanceof errors.HttpError) {
    const code = PUBLIC_CODES.find(([type]) => cause instanceof type)?.[1] ?? strapiCode(cause.name);
    const { name, message, details } = cause as Error & { details?: unknown };
    return { ...base, message, extensions: { ...extensions, error: { name, message, details }, code } };
  }
  if (cause instanceof GraphQLError) {
    return { ...base, extensions };
  }
  globalThis.strapi?.log.error(cause instanceof Error ? cause.message : String(cause));
  return { message: 'Internal Server Error', ...(formatted.path ? { path: formatted.path } : {}), extensions: { code: 'INTERNAL_SERVER_ERROR' } };
};
