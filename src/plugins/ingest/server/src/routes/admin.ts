import { ADMIN_ACTION_READ, ADMIN_ACTION_TRIGGER, ARTICLE_UID, CM_ACTION_UPDATE } from '../constants';

type Action = string | { action: string; subject: string };

const allowed = (...actions: Action[]) => ({
  policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions } }],
});

/** Served under /ingest (admin API, admin JWT). */
export default {
  type: 'admin',
  routes: [
    { method: 'GET', path: '/runs', handler: 'runs.find', config: allowed(ADMIN_ACTION_READ) },
    { method: 'GET', path: '/runs/:id', handler: 'runs.findOne', config: allowed(ADMIN_ACTION_READ) },
    { method: 'POST', path: '/runs', handler: 'runs.create', config: allowed(ADMIN_ACTION_TRIGGER) },
    { method: 'GET', path: '/conflicts', handler: 'conflicts.find', config: allowed(ADMIN_ACTION_READ) },
    { method: 'GET', path: '/articles/:documentId/import', handler: 'conflicts.panel', config: allowed(ADMIN_ACTION_READ) },
    {
      method: 'POST',
      path: '/articles/:documentId/conflicts/:field',
      handler: 'conflicts.settle',
      // Settling writes the draft as a save in the Content Manager would: it needs that permission too.
      config: allowed(ADMIN_ACTION_READ, { action: CM_ACTION_UPDATE, subject: ARTICLE_UID }),
    },
  ],
};
