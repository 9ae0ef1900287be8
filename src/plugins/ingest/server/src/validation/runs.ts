import { validateYupSchema, yup } from '@strapi/utils';

const listQuery = yup
  .object({
    page: yup.number().integer().min(1),
    pageSize: yup.number().integer().min(1).max(100),
  })
  .noUnknown();

const triggerBody = yup
  .object({
    dryRun: yup.boolean().strict(),
  })
  .noUnknown()
  .default({});

export const validateListQuery = validateYupSchema(listQuery, { strict: false });
export const validateTriggerBody = validateYupSchema(triggerBody);
