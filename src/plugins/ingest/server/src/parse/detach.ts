import type { ParseResult } from './types';

const encoder = new TextEncoder();
const decoder = new TextDecoder();
/** UTF-8 of a line of a capture, reused from copy to copy; a longer text gets a buffer of its own. */
const scratch = new Uint8Array(16 * 1024);
/** V8 copies a cut this short instead of keeping a view. */
const SHORTEST_VIEW = 13;

/**
 * A copy of `text` that shares no memory with the string it was cut from. V8 keeps a cut (a
 * slice, a match, a trimmed line) as a view into the whole capture, so a string a run holds —
 * a headline in its catalog, a warning in its report, a paragraph until its batch is written —
 * would keep the capture's every character, in two bytes each as soon as one character of the
 * capture needs them (a curly quote). The copy is made from the characters (UTF-8 and back),
 * one byte each where they all fit. A lone surrogate would not survive UTF-8: such a text is
 * copied as a rope cut again, which copies it flat in its own representation.
 */
export const detached = (text: string): string => {
  if (text.length < SHORTEST_VIEW) return text;
  if (!(text as string & { isWellFormed(): boolean }).isWellFormed()) return ` ${text}`.slice(1);
  const buffer = text.length * 3 <= scratch.length ? scratch : new Uint8Array(text.length * 3);
  const { written } = encoder.encodeInto(text, buffer);
  return decoder.decode(buffer.subarray(0, written));
};

const detachedOrNull = (text: string | null): string | null => (text === null ? null : detached(text));

/**
 * The parse result with no string that is a view into the capture (see detached): what outlives
 * the capture's write — its headline (the run's catalog keeps it to find link targets), its
 * section and sources (kept as the run's named entries when new), its warnings and failure
 * reason (kept in the run's report) — and what is written with the capture's batch: body,
 * links, standfirst, caption, credit, byline. Left as views, the latter kept each whole decoded
 * capture alive until its batch was written, long enough to be promoted to the old generation
 * (paired cold imports of 2,000: 64 → 52 MB promoted, 5–14 % faster copied). A field the
 * parser comes to return must be copied here too.
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
      standfirst: detachedOrNull(article.standfirst),
      imageCaption: detachedOrNull(article.imageCaption),
      imageCredit: detachedOrNull(article.imageCredit),
      byline: detachedOrNull(article.byline),
      section: detachedOrNull(article.section),
      sources: article.sources.map(detached),
      body: article.body.map((block) => ({ type: block.type, text: detached(block.text) })),
      relatedLinks: article.relatedLinks.map((link) => ({ ...link, title: detached(link.title), publisher: detached(link.publisher) })),
    },
  };
}
