import { errors } from '@strapi/utils';

/**
 * users-permissions adds these mutations with `auth: false`: anyone could sign up (and get a
 * JWT), log in or ask for password mails. This site has readers, not accounts.
 */
export const ACCOUNT_MUTATIONS = ['register', 'login', 'forgotPassword', 'resetPassword', 'changePassword', 'emailConfirmation'] as const;

const refuse = () => {
  throw new errors.ForbiddenError('Accounts are not offered here');
};

export const refuseAccountMutations = () =>
  Object.fromEntries(ACCOUNT_MUTATIONS.map((name) => [`Mutation.${name}`, { middlewares: [refuse] }]));
