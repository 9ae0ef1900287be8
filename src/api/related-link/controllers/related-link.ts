import { factories } from '@strapi/strapi';
import { withPublishedArticle } from '../published-article';

// Links of an article without a published version are not public: not listed, not found.
export default factories.createCoreController('api::related-link.related-link', () => ({
  async find(ctx) {
    ctx.query = { ...ctx.query, filters: withPublishedArticle(ctx.query.filters) };
    return super.find(ctx);
  },

  async findOne(ctx) {
    ctx.query = { ...ctx.query, filters: withPublishedArticle(ctx.query.filters) };
    return super.findOne(ctx);
  },
}));
