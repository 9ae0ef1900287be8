/** `seeds/008_116ba91f8658a6b7.txt` → `008_116ba91f8658a6b7.txt`. */
export function baseName(fileName: string): string {
  return fileName.split(/[\\/]/).pop() ?? fileName;
}

/** The external id: the file's name without its folder or extension. */
export function externalIdOf(fileName: string): string {
  const base = baseName(fileName);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}
