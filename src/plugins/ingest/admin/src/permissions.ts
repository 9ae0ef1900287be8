/** The server's ADMIN_ACTION_READ and ADMIN_ACTION_TRIGGER. */
export const PERMISSIONS = {
  read: [{ action: 'plugin::ingest.runs.read', subject: null }],
  trigger: [{ action: 'plugin::ingest.runs.trigger', subject: null }],
};
