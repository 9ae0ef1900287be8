/**
 * Where captures come from — a folder, a pushed request body, later a feed or a bucket — as the
 * importer sees it: a list of entries, and each entry's bytes. The importer knows nothing else
 * about files or requests.
 */
export interface SourceEntry {
  /** The article's identity. */
  externalId: string;
  /** How the report names the entry: the file's path in the folder; null for a pushed capture. */
  name: string | null;
  /**
   * A cheap fingerprint of the entry's bytes (a file's size and modification time), or null
   * when the source has none. The same fingerprint as at the last import, on a draft no editor
   * saved since, means the same bytes: the entry is not even read.
   */
  fingerprint: string | null;
}

export type EntryBytes = { ok: true; bytes: Uint8Array } | { ok: false; reason: string };

/**
 * A source's entries in import order, and how many, a part at a time: an array is one part; a
 * folder's listing arrives from its worker in parts, and the import works through the first
 * while the next are looked at (see folder's `listInWorker`). A part's entries may be made as
 * it is iterated.
 */
export interface EntryList<Entry extends SourceEntry = SourceEntry> {
  readonly length: number;
  parts(): AsyncIterable<Iterable<Entry>>;
}

export interface CaptureSource<Entry extends SourceEntry = SourceEntry> {
  /** What the run log shows as the run's folder; null for a push. */
  readonly location: string | null;
  /** Whether `list` is all the source holds: only then are stored articles it lacks reported missing. */
  readonly complete: boolean;
  /** The entries, in the order they are imported. Throws when the source cannot be read at all. */
  list(): Promise<EntryList<Entry>>;
  /** An entry's bytes, or why they cannot be read (a phrase, without the entry's name). */
  read(entry: Entry): Promise<EntryBytes>;
}
