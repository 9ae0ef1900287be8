import { readBody } from './body';
import { readDateline } from './dates';
import { detachedResult } from './detach';
import { readExploreTitles } from './explore';
import { readHeader } from './header';
import { externalIdOf } from './identity';
import { findDateline, findHeaderEndWithoutDateline, isHeadlineShaped, isRepeatedSoon, isStructural } from './layout';
import { toRelatedLinks } from './links';
import { noHeadlineReason, noStoryReason } from './no-headline';
import { notArticleReason } from './not-article';
import { resolvePublicationDate } from './publication-date';
import { mergeSources, readSourceLine } from './sources';
import { toLines, type CaptureLine } from './text';
import type { ParseResult } from './types';
import { splitZones, type Zones } from './zones';

export type { BodyBlock, ParsedArticle, ParsedRelatedLink, ParseResult, RelatedLinkKind } from './types';
export { sourceKey } from './sources';

/**
 * Reads one capture (its text, already decoded) into an article record. `fileName` gives the
 * external id (its name without folder or extension) and, as given, names the file in a
 * failure's reason. Pure: no I/O, no Strapi.
 */
export function parseCapture(text: string, fileName: string): ParseResult {
  // The parts are cut from the capture's text, and a string cut from another keeps all of it
  // in memory: copies of those the run keeps (a headline, a warning) hold what they need and
  // not every capture's whole text.
  return detachedResult(parseText(text, fileName));
}

function parseText(text: string, fileName: string): ParseResult {
  const externalId = externalIdOf(fileName);
  const fail = (reason: string): ParseResult => ({
    outcome: 'failed',
    externalId,
    reason: `${fileName}: ${reason}`,
    warnings: [],
  });
  if (text.length === 0) return fail('empty file (0 bytes), so no headline');
  const lines = toLines(text);
  if (lines.length === 0) return fail('no headline — the file holds only blank space');

  const zones = splitZones(lines);
  const exploreTitles = readExploreTitles(zones.exploreLines.map((line) => line.text));
  if (!hasHeadline(zones)) return fail(noHeadlineReason(zones, exploreTitles));
  return readArticle(zones, exploreTitles, externalId, fail);
}

/**
 * The first line after the date line is the headline when it reads like one. When the date
 * line already held body prose, it takes more: a dateline below it or its repeat as alt text.
 */
function hasHeadline(zones: Zones): boolean {
  const candidate = zones.main[0];
  if (candidate === undefined || isStructural(candidate.text)) return false;
  const evidence = findDateline(zones.main, 0) !== -1 || isRepeatedSoon(zones.main, 0);
  const shaped = isHeadlineShaped(candidate.text);
  return zones.firstLine?.prose ? shaped && evidence : shaped || evidence;
}

function readArticle(
  zones: Zones,
  exploreTitles: string[],
  externalId: string,
  fail: (reason: string) => ParseResult,
): ParseResult {
  const { main } = zones;
  const video = zones.durations.main > 0;
  const datelineAt = findDateline(main, 0);
  const headerEnd = datelineAt !== -1 ? datelineAt : findHeaderEndWithoutDateline(main, 0, video);
  const header = readHeader(main.slice(0, headerEnd), video);
  const body = readBody([...proseLines(zones), ...main.slice(datelineAt !== -1 ? datelineAt + 1 : headerEnd)]);
  const datelineLine = zones.leadingDateline ?? (datelineAt !== -1 ? main[datelineAt] : null);
  const published = resolvePublicationDate(zones.firstLine?.date ?? null, datelineLine ? readDateline(datelineLine.text) : null);
  const sources = mergeSources(body.sources, zones.exploreLines.flatMap((line) => readSourceLine(line.text) ?? []));

  const notArticle = notArticleReason({
    firstLine: header.title,
    leadLines: header.standfirst === null ? [] : [header.standfirst],
    bodyLines: body.textLines,
    listLength: exploreTitles.length,
    durations: zones.durations.main + zones.durations.list,
    hasStoryMarks:
      published.date !== null ||
      zones.firstLine?.section != null ||
      zones.readingTimeMinutes !== null ||
      header.imageCredit !== null ||
      sources.length > 0,
    hasStoryFurniture:
      zones.readingTimeMinutes !== null ||
      header.imageCaption !== null ||
      header.imageCredit !== null ||
      header.byline !== null ||
      sources.length > 0,
  });
  if (notArticle !== null) return fail(notArticle);
  if (header.standfirst === null && body.blocks.length === 0) return fail(noStoryReason(header.title));

  return {
    outcome: 'parsed',
    article: {
      externalId,
      title: header.title,
      standfirst: header.standfirst,
      publicationDate: published.date,
      readingTimeMinutes: zones.readingTimeMinutes,
      imageCaption: header.imageCaption,
      imageCredit: header.imageCredit,
      byline: header.byline,
      section: zones.firstLine?.section ?? null,
      sources,
      body: body.blocks,
      relatedLinks: toRelatedLinks(body.cards, exploreTitles),
    },
    warnings: [...published.warnings, ...header.warnings, ...body.warnings],
  };
}

/** Body prose printed on the date line, as the body's first paragraph. */
function proseLines(zones: Zones): CaptureLine[] {
  const prose = zones.firstLine?.prose;
  return prose ? [{ text: prose, lineNo: 1 }] : [];
}
