import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { ARTICLE_UID, CONFLICT_DECISION_UID } from '../constants';
import { getIngestConfig } from '../config/read';
import { settleConflict, type Settlement } from '../plan/conflicts';
import type { TrackedField } from '../plan/fields';
import { hashFields, type ArticlePlan } from '../plan/plan-article';
import { FIELD_LABELS, readableValue } from '../plan/readable';
import { parseStamp } from '../plan/state';
import { getService } from '../utils';
import { loadDrafts, type DraftWithState } from '../store/drafts';
import { findLastImport } from './last-run';
import type { ConflictDecision, ConflictedArticle, ImportPanel, OpenConflict } from '../../../shared/contracts/conflicts';

export interface Editor {
  id: number;
  firstname?: string | null;
  lastname?: string | null;
  username?: string | null;
  email?: string | null;
}

/** How long settling waits for a running import before answering that one is running. */
const SETTLE_LOCK_WAIT_MS = 5_000;
const DECISIONS_SHOWN = 20;

const editorName = (user: Editor) => user.username || [user.firstname, user.lastname].filter(Boolean).join(' ') || user.email || `admin ${user.id}`;

/**
 * The conflicts still open on a draft: those its import state lists with the capture's value,
 * unless the draft now holds that very value (an editor typed it in by hand).
 */
const openConflicts = (draft: DraftWithState): OpenConflict[] => {
  const state = draft.state;
  if (!state) return [];
  const current = hashFields(draft.fields);
  return (state.conflicts ?? []).flatMap((field) => {
    const captured = state.captured?.[field];
    if (!captured || captured.hash === current[field]) return [];
    const mine = field === 'section' ? draft.sectionName : draft.fields[field];
    return [{ field, label: FIELD_LABELS[field], mine: readableValue(field, mine as never), theirs: readableValue(field, captured.value as never) }];
  });
};

/** Editors see and settle import conflicts on the article itself (the Content Manager's Import panel). */
const createConflictsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const findDraft = async (documentId: string) => {
    const [draft] = await loadDrafts(strapi, { documentIds: [documentId] });
    if (!draft) throw new errors.NotFoundError(`No article ${documentId}`);
    return draft;
  };

  const decisionsOf = async (documentId: string): Promise<ConflictDecision[]> => {
    const rows = (await strapi.db.query(CONFLICT_DECISION_UID).findMany({
      where: { articleDocumentId: documentId },
      orderBy: [{ decidedAt: 'desc' }, { id: 'desc' }],
      limit: DECISIONS_SHOWN,
    })) as Array<{ field: TrackedField; action: Settlement; userName: string | null; decidedAt: string }>;
    return rows.map(({ field, action, userName, decidedAt }) => ({ field, label: FIELD_LABELS[field] ?? field, action, userName, decidedAt: new Date(decidedAt).toISOString() }));
  };

  /** Takes the capture's value into the draft through the store, as an import's update would write it. */
  const take = async (draft: DraftWithState, field: TrackedField) => {
    const state = draft.state!;
    const settled = settleConflict(state, field, 'take');
    const store = await getService(strapi, 'store').open();
    await store.complete();
    const existing = store.article(draft.externalId);
    if (!existing) throw new errors.NotFoundError(`No article ${draft.documentId}`);
    const { writtenAt: _writtenAt, fields, ...rest } = settled;
    const plan: ArticlePlan = {
      action: 'update',
      write: { [field]: state.captured![field]!.value },
      conflicts: rest.conflicts ?? [],
      captured: rest.captured ?? {},
      kept: rest.kept ?? {},
      fields,
    };
    const stored = await store.update({ externalId: draft.externalId, slug: existing.slug, existing, plan, state: rest, publish: false });
    // An editor saved other changes since the import wrote: the next run must still look at them.
    if (draft.updatedAt !== state.writtenAt) await store.rememberState(stored, { ...settled, writtenAt: state.writtenAt });
  };

  /** Keeps the editor's value: only the import state changes (the draft and its updatedAt do not). */
  const keep = async (draft: DraftWithState, field: TrackedField) => {
    const { id, documentId, externalId, title, updatedAt } = draft;
    await getService(strapi, 'writer').rememberState({ id, documentId, externalId, title, slug: '', updatedAt, stamp: null }, settleConflict(draft.state!, field, 'keep'));
  };

  const service = {
    /** What the Import panel shows for one article; `imported: false` for one the import did not make. */
    async panel(documentId: string): Promise<ImportPanel> {
      const draft = await findDraft(documentId);
      const state = draft.state;
      if (!state) return { imported: false, documentId };
      const last = await findLastImport(strapi, draft.externalId, state);
      const pushed = last?.trigger === 'api' || !state.file;
      return {
        imported: true,
        documentId,
        externalId: draft.externalId,
        origin: { kind: pushed ? 'push' : 'file', file: state.file || null },
        lastWrittenAt: new Date(state.writtenAt).toISOString(),
        lastImport: last,
        conflicts: openConflicts(draft),
        decisions: await decisionsOf(documentId),
      };
    },

    /** Drafts with at least one open conflict, by external id. */
    async list(): Promise<ConflictedArticle[]> {
      // The stamps say which states list conflicts: only those drafts are read whole.
      const stamps = (await strapi.db.query(ARTICLE_UID).findMany({
        where: { publishedAt: null, importStamp: { $notNull: true } },
        select: ['id', 'importStamp'],
      })) as Array<{ id: number; importStamp: string }>;
      const flagged = stamps.filter((row) => parseStamp(row.importStamp)?.hasConflicts).map((row) => row.id);
      return (await loadDrafts(strapi, { ids: flagged }))
        .map((draft) => ({
          documentId: draft.documentId,
          externalId: draft.externalId,
          title: draft.title,
          fields: openConflicts(draft).map(({ field, label }) => ({ field, label })),
        }))
        .filter((article) => article.fields.length > 0)
        .sort((a, b) => (a.externalId < b.externalId ? -1 : a.externalId > b.externalId ? 1 : 0));
    },

    /**
     * Settles one open conflict and records who did it. Holds the import lock meanwhile: an
     * import running at the same time would write the state it read before.
     */
    async settle(input: { documentId: string; field: TrackedField; action: Settlement; user: Editor }): Promise<ImportPanel> {
      const lockService = getService(strapi, 'lock');
      const lock = await lockService.acquire({
        holder: lockService.newHolderId(),
        leaseMs: getIngestConfig(strapi).lockLeaseMs,
        waitMs: SETTLE_LOCK_WAIT_MS,
      });
      try {
        const draft = await findDraft(input.documentId);
        if (!draft.state) throw new errors.NotFoundError(`Article ${input.documentId} was not created by the import`);
        if (!openConflicts(draft).some((conflict) => conflict.field === input.field)) {
          throw new errors.NotFoundError(`No open conflict on ${input.field} for article ${draft.externalId}`);
        }
        await (input.action === 'take' ? take : keep)(draft, input.field);
        await strapi.documents(CONFLICT_DECISION_UID).create({
          data: {
            articleDocumentId: draft.documentId,
            externalId: draft.externalId,
            field: input.field,
            action: input.action,
            decidedAt: new Date(),
            userId: input.user.id,
            userName: editorName(input.user),
          } as never,
        });
      } finally {
        await lock.release().catch((error: Error) => strapi.log.warn(`[ingest] could not release the import lock: ${error.message}`));
      }
      return service.panel(input.documentId);
    },
  };
  return service;
};

export type ConflictsService = ReturnType<typeof createConflictsService>;
export default createConflictsService;
