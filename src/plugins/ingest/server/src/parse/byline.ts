const NAME_WORD = /^\p{Lu}[\p{L}\p{M}'’.-]*$/u;
// Lower-case name particles (`Ahmet van Dijk`, `Omar al Hassan`) that do not count as words.
const PARTICLES = new Set(['al', 'bin', 'da', 'de', 'del', 'der', 'di', 'du', 'el', 'ibn', 'la', 'le', 'van', 'von']);

/**
 * `Ezgi Toper` → `Ezgi Toper`; `Zeynep ConkarZeynep Conkar` (printed twice, glued) → one copy.
 * Null when the line is not a short run of capitalised names.
 */
export function readByline(line: string): string | null {
  const name = undouble(line.replace(/^By /, ''));
  return isNameList(name) ? name : null;
}

function undouble(text: string): string {
  const half = text.length / 2;
  if (Number.isInteger(half) && text.slice(0, half) === text.slice(half)) return text.slice(0, half);
  const spaced = (text.length - 1) / 2;
  if (Number.isInteger(spaced) && text[spaced] === ' ' && text.slice(0, spaced) === text.slice(spaced + 1)) {
    return text.slice(0, spaced);
  }
  return text;
}

/** Two or three capitalised words, or several such names joined by `and`/`&`. */
function isNameList(text: string): boolean {
  const names = text.split(/ (?:and|&) |, /);
  return names.length <= 3 && names.every(isName);
}

function isName(text: string): boolean {
  const words = text.split(' ');
  const inner = words.slice(1, -1);
  const named = words.filter((word) => NAME_WORD.test(word));
  const particles = inner.filter((word) => PARTICLES.has(word));
  return (
    named.length >= 2 &&
    named.length <= 3 &&
    named.length + particles.length === words.length &&
    NAME_WORD.test(words[0]) &&
    text.length <= 40
  );
}
