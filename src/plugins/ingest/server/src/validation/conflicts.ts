import { validateYupSchema, yup } from '@strapi/utils';
import { TRACKED_FIELDS } from '../plan/fields';

const settleParams = yup
  .object({
    documentId: yup.string().required(),
    field: yup
      .string()
      .required()
      .oneOf([...TRACKED_FIELDS], (params: { value: unknown }) => `${String(params.value)} is not a field the import writes (${TRACKED_FIELDS.join(', ')})`),
  })
  .noUnknown();

const settleBody = yup
  .object({
    action: yup.string().required().oneOf(['take', 'keep'], 'action must be "take" (the import\'s value) or "keep" (the editor\'s)'),
  })
  .noUnknown();

export const validateSettleParams = validateYupSchema(settleParams);
export const validateSettleBody = validateYupSchema(settleBody);
