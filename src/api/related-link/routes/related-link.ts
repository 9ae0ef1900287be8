import { factories } from '@strapi/strapi';

const readPublishedOnly = { middlewares: ['global::published-only'] };

export default factories.createCoreRouter('api::related-link.related-link', {
  config: { find: readPublishedOnly, findOne: readPublishedOnly },
});
