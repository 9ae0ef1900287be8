import type { Core } from '@strapi/strapi';
import { sanitize } from '@strapi/utils';
import { ARTICLE_UID, RELATED_LINK_UID } from '../constants';
import { chunks } from '../utils/chunks';
import { hasKeys } from '../utils/same-keys';

type AnnouncedUid = typeof ARTICLE_UID | typeof RELATED_LINK_UID;
type EntryEvent = 'entry.create' | 'entry.update' | 'entry.delete';

/**
 * What the importer writes past the Document Service, announced as the Document Service
 * announces it: one `entry.create` / `entry.update` / `entry.delete` per entry, its stored
 * values sanitized for output, once the write's transaction has committed — so webhooks and
 * other plugins hear of every article and every related link the import creates, changes or
 * deletes.
 */
const createAnnouncementsService = ({ strapi }: { strapi: Core.Strapi }) => {
  /**
   * Per model, per set of keys: the keys the sanitizer keeps of a flat entry. It drops a key for
   * what its attribute is (private, a password), never for its value, so entries of plain values
   * with the same keys come out the same: the sanitizer runs on the first of them only (on a
   * 2,000-article cold import it ran 36,000 times, a fifth of the run's garbage).
   */
  const keptKeys = new WeakMap<object, Map<string, string[]>>();

  /** Plain values, and JSON attributes (which the sanitizer keeps or drops whole: an article's body, its import state). */
  const isFlat = (model: { attributes: Record<string, { type: string }> }, entry: Record<string, unknown>) => {
    for (const key in entry) {
      const value = entry[key];
      const type = model.attributes[key]?.type;
      if (value !== null && typeof value === 'object' && !(value instanceof Date) && type !== 'json' && type !== 'blocks') return false;
      if (type === 'relation' || type === 'component' || type === 'dynamiczone' || type === 'media') return false;
    }
    return true;
  };

  const sanitizedFully = (model: ReturnType<Core.Strapi['getModel']>, entry: Record<string, unknown>) =>
    sanitize.sanitizers.defaultSanitizeOutput({ schema: model, getModel: (name) => strapi.getModel(name as never) }, entry as never) as Promise<Record<string, unknown>>;

  /** The keys the sanitizer keeps of a flat entry with these keys, learned from the first such entry. */
  const keptOf = async (model: ReturnType<Core.Strapi['getModel']>, entry: Record<string, unknown>, keys: string[]): Promise<string[]> => {
    const signature = keys.join('\u0000');
    let byKeys = keptKeys.get(model);
    if (!byKeys) keptKeys.set(model, (byKeys = new Map()));
    let kept = byKeys.get(signature);
    if (kept === undefined) {
      kept = Object.keys(await sanitizedFully(model, entry));
      byKeys.set(signature, kept);
    }
    return kept;
  };

  const rows = async (event: EntryEvent, uid: AnnouncedUid, entries: Array<Record<string, unknown>>) => {
    const model = strapi.getModel(uid);
    // A write's entries come in runs with the same keys: what is kept of them is looked up when they change.
    let keys: string[] = [];
    let kept: string[] | null = null;
    for (let index = 0; index < entries.length; index += 1) {
      const entry = entries[index];
      let payload: Record<string, unknown>;
      if (!isFlat(model as never, entry)) payload = await sanitizedFully(model, entry);
      else {
        if (kept === null || !hasKeys(entry, keys)) {
          keys = Object.keys(entry);
          kept = await keptOf(model, entry, keys);
        }
        // The callers' entries are their own copies, dropped once announced: one the sanitizer
        // leaves whole (a link) is sent as it is; another (an article's private fields) is copied.
        if (kept.length === keys.length) payload = entry;
        else {
          payload = {};
          for (const key of kept) payload[key] = entry[key];
        }
      }
      await strapi.eventHub.emit(event, { model: model.modelName, uid: model.uid, entry: payload });
    }
  };

  /** The stored rows of `ids`, read after commit (what listeners are told is what is stored). */
  const stored = async (uid: AnnouncedUid, ids: number[]) => {
    const found: Array<Record<string, unknown>> = [];
    for (const part of chunks([...new Set(ids)])) {
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
