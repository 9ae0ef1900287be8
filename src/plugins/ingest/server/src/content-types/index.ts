import importRunSchema from './import-run/schema.json';

export default {
  'import-run': { schema: importRunSchema },
};
