import { factories } from '@strapi/strapi';

const readPublishedOnly = { middlewares: ['global::published-only'] };

export default factories.createCoreRouter('api::section.section', {
  config: { find: readPublishedOnly, findOne: readPublishedOnly },
});
