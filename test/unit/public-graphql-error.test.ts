import { GraphQLError } from 'graphql';
import { errors } from '@strapi/utils';
import { describe, expect, it } from 'vitest';
import { formatPublicGraphqlError } from '../../src/graphql/format-error';

const format = (cause: Error) => {
  const wrapped = new GraphQLError(cause.message, { path: ['articles'], originalError: cause, extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at /app/node_modules/x.js:1:1'] } });
  return formatPublicGraphqlError(wrapped.toJSON(), wrapped);
};

describe('formatPublicGraphqlError', () => {
  it('answers "Internal Server Error" for a database error, without its SQL or stack', () => {
    const knexError = new TypeError('select `t0`.* from `articles` as `t0` where `t0`.`body` = {"$ne":"x"} - SQLite3 can only bind numbers');
    const formatted = format(knexError);
    expect(formatted).toEqual({ message: 'Internal Server Error', path: ['articles'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });

  it("keeps Strapi's errors readable, with their codes, and drops stack traces", () => {
    const forbidden = format(new errors.ForbiddenError('Only published content is available'));
    expect(forbidden.message).toBe('Only published content is available');
    expect(forbidden.extensions?.code).toBe('FORBIDDEN');
    expect(forbidden.extensions).not.toHaveProperty('stacktrace');
    expect(format(new errors.ValidationError('Invalid key nope')).extensions?.code).toBe('BAD_USER_INPUT');
    expect(format(new errors.NotFoundError('Not Found')).extensions?.code).toBe('STRAPI_NOT_FOUND_ERROR');
  });

  it("keeps GraphQL's own messages (syntax, validation), without stack traces", () => {
    const syntax = new GraphQLError('Syntax Error: Expected Name, found <EOF>.', { extensions: { code: 'GRAPHQL_PARSE_FAILED', stacktrace: ['x'] } });
    expect(formatPublicGraphqlError(syntax.toJSON(), syntax)).toEqual({
      message: 'Syntax Error: Expected Name, found <EOF>.',
      extensions: { code: 'GRAPHQL_PARSE_FAILED' },
    });
  });
});
