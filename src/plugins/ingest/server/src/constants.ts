export const PLUGIN_ID = 'ingest';

export const ARTICLE_UID = 'api::article.article';
export const SECTION_UID = 'api::section.section';
export const SOURCE_UID = 'api::source.source';
export const RELATED_LINK_UID = 'api::related-link.related-link';
export const IMPORT_RUN_UID = 'plugin::ingest.import-run';
/** A page of a run's listed items (see services/run-pages). */
export const IMPORT_RUN_PAGE_UID = 'plugin::ingest.import-run-page';
export const IMPORT_LOCK_UID = 'plugin::ingest.import-lock';
export const CONFLICT_DECISION_UID = 'plugin::ingest.conflict-decision';

/** The admin permission that lets a user see import runs and start one. */
export const ADMIN_ACTION_READ = 'plugin::ingest.runs.read';
export const ADMIN_ACTION_TRIGGER = 'plugin::ingest.runs.trigger';
/** The Content Manager's permission to save an Article: settling a conflict writes the draft. */
export const CM_ACTION_UPDATE = 'plugin::content-manager.explorer.update';

/**
 * Bumped when the parser or planner changes meaning, so stored fingerprints are re-checked.
 * 2: the parser reads every script and page kind; the state keeps the capture's value of each
 * conflict (the edit view's Import panel).
 */
export const IMPORT_FORMAT_VERSION = 2;

/** Captures above this size fail without being read whole (config `maxFileBytes`). */
export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;

/** The push API's content-API action (an API token's custom permission *Ingest → push*). */
export const PUSH_ACTION = 'plugin::ingest.captures.push';
/** A push request's limits (contract): 1,000 captures and 20 MB. */
export const PUSH_MAX_CAPTURES = 1_000;
export const PUSH_MAX_BYTES = 20 * 1024 * 1024;
/** An external id a push may name: safe as a file name, and as a URL's query value. */
export const EXTERNAL_ID_PATTERN = /^[A-Za-z0-9._-]{1,128}$/;
