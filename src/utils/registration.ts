import type { Core } from '@strapi/strapi';

/**
 * users-permissions lets anyone register when its `advanced.allow_register` setting is on
 * (its default). Turned off at every boot: readers need no account.
 */
export const closeRegistration = async (strapi: Core.Strapi) => {
  const store = strapi.store({ type: 'plugin', name: 'users-permissions', key: 'advanced' });
  const advanced = ((await store.get()) ?? {}) as Record<string, unknown>;
  if (advanced.allow_register === false) return;
  await store.set({ value: { ...advanced, allow_register: false } });
};
