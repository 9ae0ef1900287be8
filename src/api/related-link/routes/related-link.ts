import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::related-link.related-link');
