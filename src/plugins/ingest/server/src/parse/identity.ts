/** `seeds/008_116ba91f8658a6b7.txt` → `008_116ba91f8658a6b7.txt`. */
export function baseName(fileName: string): string {
  // Not a split: listing a folder of 100,000 files made an array and strings per name.
  return fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
}

/** The external id: the file's name without its folder or extension. */
export function externalIdOf(fileName: string): string {
  const base = baseName(fileName);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}
