import { HEADER_WINDOW, isHeadlineShaped } from './layout';
import type { CaptureLine } from './text';

/**
 * A video page prints its headline several times (player title, page title, alt text) in any
 * order, and may put the description first. When the first line cannot be the headline but a
 * line near the top is printed more than once and reads as one, that line is the headline:
 * it is moved to the front and the rest keep their order.
 */
export function headlineFirst(main: CaptureLine[]): CaptureLine[] {
  if (main.length === 0 || isHeadlineShaped(main[0].text)) return main;
  const top = main.slice(0, HEADER_WINDOW);
  const repeated = top.findIndex(
    (line, index) => index > 0 && isHeadlineShaped(line.text) && top.some((other, at) => at !== index && other.text === line.text),
  );
  if (repeated === -1) return main;
  return [main[repeated], ...main.slice(0, repeated), ...main.slice(repeated + 1)];
}
