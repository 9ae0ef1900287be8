// A video's running time on a line of its own: `0:45`, `05:01`, `1:02:15`.
const DURATION = /^(?:\d{1,2}:[0-5]\d|\d{1,2}:[0-5]\d:[0-5]\d)$/;

/** A video's duration: never a caption, standfirst, body text nor reading time. */
export function isDuration(line: string): boolean {
  return DURATION.test(line);
}
