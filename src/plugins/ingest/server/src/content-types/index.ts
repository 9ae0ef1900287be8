import conflictDecisionSchema from './conflict-decision/schema.json';
import importLockSchema from './import-lock/schema.json';
import importRunSchema from './import-run/schema.json';
import importRunPageSchema from './import-run-page/schema.json';

export default {
  'import-run': { schema: importRunSchema },
  'import-run-page': { schema: importRunPageSchema },
  'import-lock': { schema: importLockSchema },
  'conflict-decision': { schema: conflictDecisionSchema },
};
