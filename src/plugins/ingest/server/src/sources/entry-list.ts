import type { EntryList, SourceEntry } from './types';

/** Entries known at once, as one part. */
export const entryListOf = <Entry extends SourceEntry>(entries: Entry[]): EntryList<Entry> => ({
  length: entries.length,
  async *parts() {
    yield entries;
  },
});

/** Every entry of a list, once all its parts are in: for callers that want them all (tests, the bench's naive loop). */
export const allEntries = async <Entry extends SourceEntry>(list: EntryList<Entry>): Promise<Entry[]> => {
  const entries: Entry[] = [];
  for await (const part of list.parts()) for (const entry of part) entries.push(entry);
  return entries;
};
