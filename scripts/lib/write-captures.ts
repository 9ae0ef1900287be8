import fs from 'node:fs/promises';
import path from 'node:path';
import { generateCapture, type GeneratorOptions } from './captures-generator';

/**
 * How a set's files are laid out: all in one folder, or as an archive kept by capture date,
 * 100 captures a day from 2023-01-01 (`2023/01/01/….txt`). A capture's folder follows from its
 * place in the set, so its revisions and recaptures overwrite it where it is.
 */
export type CaptureLayout = 'flat' | 'by-date';
export const CAPTURE_LAYOUTS: readonly CaptureLayout[] = ['flat', 'by-date'];

const CAPTURES_A_DAY = 100;
const DAY_MS = 86_400_000;

/** The folder of the `index`-th capture, relative to the set's (empty: the set's own). */
export const captureFolder = (layout: CaptureLayout, index: number): string =>
  layout === 'flat' ? '' : new Date(Date.UTC(2023, 0, 1) + Math.floor(index / CAPTURES_A_DAY) * DAY_MS).toISOString().slice(0, 10).replaceAll('-', '/');

/**
 * Writes generated captures to `dir`, one at a time (never the whole set in memory). `only`
 * limits the indexes written, e.g. to rewrite a tenth of a set with another revision.
 */
export const writeCaptures = async (
  dir: string,
  options: GeneratorOptions,
  only: (index: number) => boolean = () => true,
  layout: CaptureLayout = 'flat'
): Promise<{ files: number; bytes: number }> => {
  await fs.mkdir(dir, { recursive: true });
  let files = 0;
  let bytes = 0;
  let made = '';
  for (let index = 0; index < options.total; index += 1) {
    if (!only(index)) continue;
    const folder = path.join(dir, captureFolder(layout, index));
    if (folder !== made) {
      await fs.mkdir(folder, { recursive: true });
      made = folder;
    }
    const capture = generateCapture(options, index);
    const content = Buffer.from(capture.text, 'utf8');
    await fs.writeFile(path.join(folder, capture.fileName), content);
    files += 1;
    bytes += content.length;
  }
  return { files, bytes };
};
