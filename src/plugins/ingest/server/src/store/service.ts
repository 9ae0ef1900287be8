import type { Core } from '@strapi/strapi';
import { openRunStore } from './run-store';

/** What is stored and how it is written: a run opens its own view (see openRunStore). */
const createStoreService = ({ strapi }: { strapi: Core.Strapi }) => ({
  open: () => openRunStore(strapi),
});

export type StoreService = ReturnType<typeof createStoreService>;
export default createStoreService;
