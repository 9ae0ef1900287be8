import fs from 'node:fs/promises';
import path from 'node:path';
import { generateCapture, type GeneratorOptions } from './captures-generator';

/**
 * Writes generated captures to `dir`, one at a time (never the whole set in memory). `only`
 * limits the indexes written, e.g. to rewrite a tenth of a set with another revision.
 */
export const writeCaptures = async (
  dir: string,
  options: GeneratorOptions,
  only: (index: number) => boolean = () => true
): Promise<{ files: number; bytes: number }> => {
  await fs.mkdir(dir, { recursive: true });
  let files = 0;
  let bytes = 0;
  for (let index = 0; index < options.total; index += 1) {
    if (!only(index)) continue;
    const capture = generateCapture(options, index);
    const content = Buffer.from(capture.text, 'utf8');
    await fs.writeFile(path.join(dir, capture.fileName), content);
    files += 1;
    bytes += content.length;
  }
  return { files, bytes };
};
