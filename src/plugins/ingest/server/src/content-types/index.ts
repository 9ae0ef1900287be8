import conflictDecisionSchema from './conflict-decision/schema.json';
import importLockSchema from './import-lock/schema.json';
import importRunSchema from './import-run/schema.json';

export default {
  'import-run': { schema: importRunSchema },
  'import-lock': { schema: importLockSchema },
  'conflict-decision': { schema: conflictDecisionSchema },
};
