export const PLUGIN_ID = 'ingest';
