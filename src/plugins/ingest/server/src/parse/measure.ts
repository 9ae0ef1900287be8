/**
 * How long a line is and how it ends, in any script. Chinese, Japanese, Thai and their
 * neighbours put no spaces between words, so a word count by spaces would call a whole
 * paragraph one word: their runs are counted in dictionary words instead.
 */

// Scripts written without spaces between words.
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{Script=Tibetan}]/u;

const words = new Intl.Segmenter(undefined, { granularity: 'word' });
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Words in a line: space-separated in most scripts, dictionary words in runs written without spaces. */
export function wordCount(text: string): number {
  let count = 0;
  for (const token of text.split(' ')) {
    if (token === '') continue;
    count += UNSPACED.test(token) ? Math.max(1, segmentedWords(token)) : 1;
  }
  return count;
}

function segmentedWords(token: string): number {
  let count = 0;
  for (const segment of words.segment(token)) if (segment.isWordLike) count += 1;
  return count;
}

/** Characters as a reader sees them: a Devanagari syllable with its marks is one. */
export function graphemeCount(text: string): number {
  let count = 0;
  for (const _ of graphemes.segment(text)) count += 1;
  return count;
}

/** Whether `text` is at most `limit` characters as a reader sees them (graphemeCount), without segmenting a short line. */
export function fitsGraphemes(text: string, limit: number): boolean {
  // A grapheme is one UTF-16 unit or more: a line no longer than the limit in units fits.
  return text.length <= limit || graphemeCount(text) <= limit;
}

// Closing quotes and brackets that may follow a sentence's last mark: `.”`, `。」`, `?»`.
const CLOSING_MARKS = /["”’'»›)\]」』）】〕〉》]+$/u;
// Full stop, question and exclamation marks of the scripts the site publishes in: Latin, CJK
// (full and half width), Arabic and Urdu, Devanagari danda, Armenian, Ethiopic, Burmese.
const SENTENCE_END = /[.!?…。．｡！？؟۔।॥։።။]$/u;
// `;` is the Greek question mark (U+037E, which NFC turns into `;`).
const GREEK_QUESTION = /\p{Script=Greek}\p{M}*;$/u;
const FULL_STOP = /[.。．｡।۔]$/u;
// Sentence marks plus the pauses and closers of each script (`,` `、` `，` `،` `:` `：` `»` `」`…).
const ANY_PUNCTUATION = /[.!?…:;,"”’'»)\]。．｡！？؟۔।॥։።။、，：；」』）】〕〉》،؛]$/u;

function withoutClosingMarks(text: string): string {
  return text.replace(CLOSING_MARKS, '');
}

/** Ends the way a sentence ends, in any script, looking past closing quotes and brackets. */
export function endsLikeSentence(text: string): boolean {
  const bare = withoutClosingMarks(text);
  return SENTENCE_END.test(bare) || GREEK_QUESTION.test(bare);
}

/** Ends in a full stop (`.`, `。`, `।`): a headline does not; a question or exclamation may. */
export function endsInFullStop(text: string): boolean {
  return FULL_STOP.test(withoutClosingMarks(text));
}

/** Ends in any punctuation at all; subheads and headlines usually end in none. */
export function endsInPunctuation(text: string): boolean {
  return ANY_PUNCTUATION.test(text);
}

/** Body prose rather than a label, heading or list entry. */
export function isSentenceLike(text: string): boolean {
  return endsLikeSentence(text) || wordCount(text) >= 25;
}
