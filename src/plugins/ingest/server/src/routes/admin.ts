import { ADMIN_ACTION_READ, ADMIN_ACTION_TRIGGER } from '../constants';

const allowed = (action: string) => ({
  policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions: [action] } }],
});

/** Served under /ingest (admin API, admin JWT). */
export default {
  type: 'admin',
  routes: [
    { method: 'GET', path: '/runs', handler: 'runs.find', config: allowed(ADMIN_ACTION_READ) },
    { method: 'GET', path: '/runs/:id', handler: 'runs.findOne', config: allowed(ADMIN_ACTION_READ) },
    { method: 'POST', path: '/runs', handler: 'runs.create', config: allowed(ADMIN_ACTION_TRIGGER) },
  ],
};
