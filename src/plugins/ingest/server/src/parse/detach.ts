import type { ParseResult } from './types';

/**
 * A copy of `text` that shares no memory with the string it was cut from. V8 keeps a cut (a
 * slice, a match, a trimmed line) as a view into the whole capture, so a headline the run's
 * catalog keeps, or a warning its report keeps, would keep the capture's every character. A
 * concatenation is a rope, and cutting a rope first copies it flat into new memory.
 */
export const detached = (text: string): string => ` ${text}`.slice(1);

const detachedOrNull = (text: string | null): string | null => (text === null ? null : detached(text));

/**
 * The parse result with the strings that outlive the capture's write copied (see detached):
 * its headline (the run's catalog keeps it to find link targets), its section and sources (kept
 * as the run's named entries when new) and its warnings and failure reason (kept in the run's
 * report). The rest — body, links, standfirst, caption — is written with the capture's batch
 * and dropped with it, so it stays a view into the capture: copying it was most of a parse's
 * garbage. A field a run comes to keep must be copied here too.
 */
export function detachedResult(result: ParseResult): ParseResult {
  const warnings = result.warnings.map(detached);
  if (result.outcome === 'failed') return { outcome: 'failed', externalId: detached(result.externalId), reason: detached(result.reason), warnings };
  const { article } = result;
  return {
    outcome: 'parsed',
    warnings,
    article: {
      ...article,
      externalId: detached(article.externalId),
      title: detached(article.title),
      section: detachedOrNull(article.section),
      sources: article.sources.map(detached),
    },
  };
}
