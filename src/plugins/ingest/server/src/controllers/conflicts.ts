import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { ARTICLE_UID } from '../constants';
import type { TrackedField } from '../plan/fields';
import type { Settlement } from '../plan/conflicts';
import { LockBusyError } from '../services/lock';
import { getService } from '../utils';
import { validateSettleBody, validateSettleParams } from '../validation/conflicts';

/**
 * Whether this admin may save the article (or one field of it) in the Content Manager, with the
 * role's conditions (e.g. only their own entries) and field-level rules.
 */
const maySave = async (strapi: Core.Strapi, ctx: Context, documentId: string, field?: TrackedField) => {
  const checker = strapi.plugin('content-manager').service('permission-checker').create({ userAbility: ctx.state.userAbility, model: ARTICLE_UID });
  const entity = await strapi.db.query(ARTICLE_UID).findOne({ where: { documentId, publishedAt: null }, populate: ['createdBy', 'updatedBy'] });
  if (!entity) return false;
  return !checker.cannot.update(entity, field);
};

/** The Import panel of the article's edit view, and the Ingest page's list of open conflicts. */
const createConflictsController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: Context) {
    const data = await getService(strapi, 'conflicts').list();
    ctx.body = { data, meta: { total: data.length } };
  },

  async panel(ctx: Context) {
    const { documentId } = ctx.params as { documentId: string };
    const panel = await getService(strapi, 'conflicts').panel(documentId);
    ctx.body = { data: panel, meta: { canSettle: panel.imported && (await maySave(strapi, ctx, documentId)) } };
  },

  async settle(ctx: Context) {
    const { documentId, field } = (await validateSettleParams(ctx.params ?? {})) as { documentId: string; field: TrackedField };
    const { action } = (await validateSettleBody((ctx.request as { body?: unknown }).body ?? {})) as { action: Settlement };
    const conflicts = getService(strapi, 'conflicts');
    // An unknown article is a 404 before it is a permission question.
    await conflicts.panel(documentId);
    if (!(await maySave(strapi, ctx, documentId, field))) throw new errors.ForbiddenError(`You may not change the ${field} of this article`);
    try {
      ctx.body = { data: await conflicts.settle({ documentId, field, action, user: ctx.state.user }) };
    } catch (error) {
      // An import is running: the editor may try again once it ends.
      if (!(error instanceof LockBusyError)) throw error;
      ctx.conflict(error.message);
    }
  },
});

export default createConflictsController;
