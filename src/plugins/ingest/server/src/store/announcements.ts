import type { Core } from '@strapi/strapi';
import { sanitize } from '@strapi/utils';
import { ARTICLE_UID, RELATED_LINK_UID } from '../constants';

type AnnouncedUid = typeof ARTICLE_UID | typeof RELATED_LINK_UID;
type EntryEvent = 'entry.create' | 'entry.update' | 'entry.delete';

/** Ids per read: below every dialect's limit on bound values. */
const CHUNK = 400;

/**
 * What the importer writes past the Document Service, announced as the Document Service
 * announces it: one `entry.create` / `entry.update` / `entry.delete` per entry, its stored
 * values sanitized for output, once the write's transaction has committed — so webhooks and
 * other plugins hear of every article and every related link the import creates, changes or
 * deletes.
 */
const createAnnouncementsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const rows = async (event: EntryEvent, uid: AnnouncedUid, entries: Array<Record<string, unknown>>) => {
    const model = strapi.getModel(uid);
    for (const entry of entries) {
      const sanitized = await sanitize.sanitizers.defaultSanitizeOutput({ schema: model, getModel: (name) => strapi.getModel(name as never) }, entry as never);
      await strapi.eventHub.emit(event, { model: model.modelName, uid: model.uid, entry: sanitized });
    }
  };

  /** The stored rows of `ids`, read after commit (what listeners are told is what is stored). */
  const stored = async (uid: AnnouncedUid, ids: number[]) => {
    const found: Array<Record<string, unknown>> = [];
    const unique = [...new Set(ids)];
    for (let index = 0; index < unique.length; index += CHUNK) {
      const part = unique.slice(index, index + CHUNK);
      found.push(...((await strapi.db.query(uid).findMany({ where: { id: { $in: part } }, orderBy: { id: 'asc' } })) as Array<Record<string, unknown>>));
    }
    return found;
  };

  return {
    /** Announces entries whose stored values the caller holds (a deleted entry's last values). */
    rows,

    /** Announces the entries `ids` as they are stored now. */
    async ids(event: Exclude<EntryEvent, 'entry.delete'>, uid: AnnouncedUid, ids: number[]) {
      if (ids.length > 0) await rows(event, uid, await stored(uid, ids));
    },
  };
};

export type AnnouncementsService = ReturnType<typeof createAnnouncementsService>;
export default createAnnouncementsService;
