// Month names, January first, in the languages the site publishes in, as datelines print them
// (Russian and Greek in the genitive: `14 марта 2025`, `25 Σεπτεμβρίου 2025`).
const MONTH_NAMES: string[][] = [
  ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'],
  ['ocak', 'şubat', 'mart', 'nisan', 'mayıs', 'haziran', 'temmuz', 'ağustos', 'eylül', 'ekim', 'kasım', 'aralık'],
  ['januar', 'februar', 'märz', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'dezember'],
  ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
  ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'],
  ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'],
  ['ιανουαρίου', 'φεβρουαρίου', 'μαρτίου', 'απριλίου', 'μαΐου', 'ιουνίου', 'ιουλίου', 'αυγούστου', 'σεπτεμβρίου', 'οκτωβρίου', 'νοεμβρίου', 'δεκεμβρίου'],
  ['يناير', 'فبراير', 'مارس', 'أبريل', 'مايو', 'يونيو', 'يوليو', 'أغسطس', 'سبتمبر', 'أكتوبر', 'نوفمبر', 'ديسمبر'],
  ['ינואר', 'פברואר', 'מרץ', 'אפריל', 'מאי', 'יוני', 'יולי', 'אוגוסט', 'ספטמבר', 'אוקטובר', 'נובמבר', 'דצמבר'],
  ['जनवरी', 'फ़रवरी', 'मार्च', 'अप्रैल', 'मई', 'जून', 'जुलाई', 'अगस्त', 'सितंबर', 'अक्टूबर', 'नवंबर', 'दिसंबर'],
  ['มกราคม', 'กุมภาพันธ์', 'มีนาคม', 'เมษายน', 'พฤษภาคม', 'มิถุนายน', 'กรกฎาคม', 'สิงหาคม', 'กันยายน', 'ตุลาคม', 'พฤศจิกายน', 'ธันวาคม'],
];

const BY_NAME = new Map<string, number>(
  MONTH_NAMES.flatMap((names) => names.map((name, index): [string, number] => [name.normalize('NFC'), index + 1])),
);
const ENGLISH = MONTH_NAMES[0];

/** `November`, `Nov`, `марта`, `באוגוסט` → 1–12; null when the word is no month name. */
export function monthNumber(word: string): number | null {
  const lower = word.toLowerCase();
  const known = BY_NAME.get(lower) ?? (lower.startsWith('ב') ? BY_NAME.get(lower.slice(1)) : undefined);
  if (known !== undefined) return known;
  // English abbreviations: `Nov`, `Sept`.
  if (lower.length < 3 || lower.length > 4) return null;
  const index = ENGLISH.findIndex((month) => month.startsWith(lower));
  return index === -1 ? null : index + 1;
}
