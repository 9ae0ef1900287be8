const READING_TIME = /^(\d{1,3}) ?min(?:ute)?s?\.? read$/i;

/** `2 min read`, `1 MIN READ` → minutes; null for any other line. */
export function readReadingTime(line: string): number | null {
  const match = READING_TIME.exec(line);
  return match ? Number(match[1]) : null;
}
