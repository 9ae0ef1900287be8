import { readdir } from 'node:fs/promises';
import path from 'node:path';

/**
 * Every `*.txt` below `dir`, recursively, as paths relative to it, in sorted order: the same
 * folder always imports in the same order. Code-unit order, not locale order, so every
 * machine agrees.
 */
export async function listCaptures(dir: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (relative: string) => {
    const entries = await readdir(path.join(dir, relative), { withFileTypes: true });
    for (const entry of entries) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(child);
      else if (entry.isFile() && entry.name.toLowerCase().endsWith('.txt')) found.push(child);
    }
  };
  await walk('');
  return found.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
