import type { Settlement } from '../../../shared/contracts/conflicts';
import type { ArticleFields, TrackedField } from './fields';
import type { ArticlePlan, FieldHashes } from './plan-article';
import type { ImportState } from './state';

/** The capture's value of each open conflict, with its hash: what "take the import's value" writes. */
export type CapturedValues = { [Field in TrackedField]?: { hash: string; value: ArticleFields[Field] } };

export type { Settlement };

const sameHashes = (a: FieldHashes = {}, b: FieldHashes = {}) => {
  const keys = Object.keys(a) as TrackedField[];
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
};

const capturedHashes = (captured: CapturedValues = {}): FieldHashes =>
  Object.fromEntries(Object.entries(captured).map(([field, entry]) => [field, entry!.hash]));

/**
 * Whether a plan's conflicts, captured values or kept conflicts differ from what the state
 * remembers: an unchanged capture still rewrites the state then (an editor changed another
 * field, or the capture moved away from a kept value), so that the panel shows what the report says.
 */
export const conflictStateChanged = (state: ImportState | null, plan: Pick<ArticlePlan, 'conflicts' | 'captured' | 'kept'>): boolean => {
  if (state === null) return plan.conflicts.length > 0;
  const conflicts = state.conflicts ?? [];
  return (
    conflicts.length !== plan.conflicts.length ||
    conflicts.some((field, index) => plan.conflicts[index] !== field) ||
    !sameHashes(capturedHashes(state.captured), capturedHashes(plan.captured)) ||
    !sameHashes(state.kept, plan.kept)
  );
};

const without = <T extends object>(record: T | undefined, field: TrackedField): T => {
  const { [field]: _dropped, ...rest } = (record ?? {}) as Record<string, unknown>;
  return rest as T;
};

/**
 * The import state after an editor settles one open conflict. *Keep* remembers the hash of the
 * capture's value, so the conflict is not reported again until the capture says something else.
 * *Take* remembers that value as the import's own (its hash as last written), so later captures
 * update the field again. Either way the conflict is no longer open. Throws for a field with no
 * open conflict: callers check first.
 */
export const settleConflict = (state: ImportState, field: TrackedField, settlement: Settlement): ImportState => {
  const captured = state.captured?.[field];
  if (!captured) throw new Error(`no open conflict on ${field}`);
  const settled: ImportState = {
    ...state,
    conflicts: (state.conflicts ?? []).filter((name) => name !== field),
    captured: without(state.captured, field),
  };
  if (settlement === 'keep') return { ...settled, kept: { ...state.kept, [field]: captured.hash } };
  return { ...settled, kept: without(state.kept, field), fields: { ...state.fields, [field]: captured.hash } };
};
