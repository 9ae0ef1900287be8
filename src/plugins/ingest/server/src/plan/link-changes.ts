import type { LinkFields } from './fields';

/** A link the draft shows now, with its target article's documentId. */
export interface CurrentLink extends LinkFields {
  id: number;
  target: string | null;
}

/** A link the import wants, its target resolved to a documentId (or none). */
export interface WantedLink extends LinkFields {
  target: string | null;
}

export interface LinkChanges {
  /** New link entries for the draft. */
  create: WantedLink[];
  /** Entries whose own fields change in place. */
  update: Array<{ id: number } & LinkFields>;
  /** Entries pointed at another target, or none. */
  retarget: Array<{ id: number; target: string | null }>;
  /** Entries the draft lets go of: the published version still shows them. */
  detach: number[];
  /** Entries no version will show any more. */
  remove: number[];
}

export const byKindThenPosition = (a: { kind: string; position: number }, b: { kind: string; position: number }) =>
  a.kind === b.kind ? a.position - b.position : a.kind === 'recommended' ? -1 : 1;

/**
 * How a draft's links become the wanted ones, reusing its entries in order: an entry whose
 * fields or target differ is changed in place, missing ones are created, surplus ones removed.
 * Links have no Draft & Publish of their own, so an entry the published version also shows
 * (`live`) is never changed or removed: the draft lets go of it and gets a new one, and the live
 * page changes only when the article is published. Pure.
 */
export const planLinkChanges = (current: CurrentLink[], live: ReadonlySet<number>, wanted: WantedLink[]): LinkChanges => {
  const existing = [...current].sort(byKindThenPosition);
  const links = [...wanted].sort(byKindThenPosition);
  const changes: LinkChanges = { create: [], update: [], retarget: [], detach: [], remove: [] };
  links.forEach((link, index) => {
    const stored = existing[index];
    if (!stored) {
      changes.create.push(link);
      return;
    }
    const sameFields =
      stored.kind === link.kind && stored.position === link.position && stored.title === link.title && (stored.publisher ?? '') === link.publisher;
    const sameTarget = stored.target === link.target;
    if (sameFields && sameTarget) return;
    if (live.has(stored.id)) {
      changes.detach.push(stored.id);
      changes.create.push(link);
      return;
    }
    const { kind, position, title, publisher } = link;
    if (!sameFields) changes.update.push({ id: stored.id, kind, position, title, publisher });
    if (!sameTarget) changes.retarget.push({ id: stored.id, target: link.target });
  });
  for (const surplus of existing.slice(links.length)) {
    if (live.has(surplus.id)) changes.detach.push(surplus.id);
    else changes.remove.push(surplus.id);
  }
  return changes;
};
