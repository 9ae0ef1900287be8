import type { FirstLine } from './first-line';
import { isStructural } from './layout';
import { notArticleReason } from './not-article';
import type { Zones } from './zones';

/** Why a capture has no headline, in words an editor can act on. */
export function noHeadlineReason(zones: Zones, exploreTitles: string[]): string {
  const candidate = zones.main[0];
  const notArticle = notArticleReason({
    firstLine: candidate?.text ?? null,
    leadLines: [],
    bodyLines: zones.main.slice(1).filter((line) => !isStructural(line.text)).map((line) => line.text),
    listLength: exploreTitles.length,
    durations: zones.durations.main + zones.durations.list,
    hasStoryMarks: zones.firstLine?.date != null || zones.leadingDateline !== null || zones.readingTimeMinutes !== null,
    hasStoryFurniture: zones.readingTimeMinutes !== null,
  });
  if (notArticle !== null) return notArticle;
  if (zones.firstLine?.prose) return proseOnDateLine(zones.firstLine);
  if (candidate === undefined) {
    return exploreTitles.length > 0
      ? 'no headline — the page holds only a list of other stories'
      : 'no headline — nothing follows the date line';
  }
  if (isStructural(candidate.text)) {
    return `no headline — the first line of text (line ${candidate.lineNo}) is page furniture, "${snippet(candidate.text)}"`;
  }
  return `no headline — the first line of text (line ${candidate.lineNo}) reads as body prose, "${snippet(candidate.text)}", and no line reads as a headline`;
}

/** A headline and nothing under it: no story to import, only an empty draft. */
export function noStoryReason(title: string): string {
  return `no standfirst and no body — the capture holds a headline ("${snippet(title)}") and nothing to import under it`;
}

function proseOnDateLine(firstLine: FirstLine): string {
  const date = firstLine.date?.printed ?? '';
  const opening = openingOf(firstLine.prose ?? '');
  return `no headline — the capture is body text only (body prose starts on the date line, ${date} ${opening}) and no headline line follows anywhere`;
}

/** `ISTANBUL — Ferry operators …` → `ISTANBUL —`: the place name a wire story opens with. */
function openingOf(prose: string): string {
  const dash = / [—–-] /.exec(prose);
  return dash && dash.index <= 40 ? prose.slice(0, dash.index + 2) : snippet(prose);
}

/** The first 60 characters, cut between code points so no half of a character is left. */
function snippet(text: string): string {
  const chars = Array.from(text);
  return chars.length <= 60 ? text : `${chars.slice(0, 60).join('').trimEnd()}…`;
}

