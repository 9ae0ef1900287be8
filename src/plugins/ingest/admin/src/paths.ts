export const ARTICLE_UID = 'api::article.article';

/** Where an article opens in the Content Manager, and a run on the Ingest page (admin router paths). */
export const articlePath = (documentId: string) => `/content-manager/collection-types/${ARTICLE_UID}/${documentId}`;
export const runPath = (runId: string) => `/plugins/ingest/runs/${runId}`;
