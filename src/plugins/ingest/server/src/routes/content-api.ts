import { PUSH_ACTION } from '../constants';

/**
 * Served under /api/ingest (content API). Only API tokens are heard: a full-access token, or a
 * custom one granted *Ingest → captures → push* (PUSH_ACTION); no role has it unless an
 * administrator grants it. A request without a valid token is 401, a token without the
 * permission (a read-only one, say) 403.
 */
export default {
  type: 'content-api',
  routes: [
    {
      method: 'POST',
      path: '/captures',
      handler: 'captures.push',
      // Strapi's API-token strategy (named `content-api-token` since 5.x's token kinds; `api-token` before).
      config: { auth: { strategies: ['content-api-token', 'api-token'], scope: [PUSH_ACTION] } },
    },
  ],
};
