/**
 * Made-up captures in the seed format, for benchmarks: varied the way real captures vary
 * (sections, caption credits, card and source-line spellings, bylines, explore lists with
 * author lines, CRLF), 3–8 KB each, and the same text every time for the same seed and index.
 * Pure: no I/O. Explore lists and cards name other generated headlines, so related links find
 * targets, some in a later file.
 */

/** A small, fast, well-mixed PRNG (mulberry32): the same seed always gives the same sequence. */
const mulberry32 = (seed: number) => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

/** Mixes integers into one 32-bit seed, so each (seed, index, purpose) gets its own stream. */
const mix = (...values: number[]) => {
  let hash = 0x811c9dc5;
  for (const value of values) {
    hash = Math.imul(hash ^ (value >>> 0), 0x01000193) >>> 0;
    hash = Math.imul(hash ^ (hash >>> 13), 0x5bd1e995) >>> 0;
  }
  return hash;
};

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];
const between = (random: Random, min: number, max: number) => min + Math.floor(random() * (max - min + 1));
const chance = (random: Random, share: number) => random() < share;

const SECTIONS = [
  'CONFLICT & PEACE PROCESSES', 'TÜRKİYE', 'WAR ON GAZA', 'BUSINESS & ECONOMY', 'SCIENCE & TECH',
  'ENVIRONMENT', 'WORLD', 'SPORT', 'AFRICA', 'EUROPE', 'ASIA', 'G20', 'CULTURE & ARTS', 'ANALYSIS',
] as const;
const SOURCE_LINES = [
  'SOURCE:TRT World & Agencies', 'SOURCE: AA', 'SOURCE:Reuters', 'SOURCE:TRTWorld and agencies',
  'SOURCE: AFP, Reuters', 'SOURCE:TRT World', 'SOURCE: Reuters & AA', 'SOURCE:Anadolu Agency and AFP',
] as const;
const CREDITS = ['Reuters', 'AA', 'AFP', 'Photo: AA', 'Photo: AA Archive', 'TRT World', 'TRTWorld', 'Photo: Reuters'] as const;
const NAMES = [
  'Ezgi Toper', 'Zeynep Conkar', 'Kerem Aydın', 'Selin Şahin', 'Omar al Hassan', 'Leila Haddad',
  'James Whitfield', 'Ayşe Gül Yılmaz', 'Tom Okafor', 'Mehmet Öztürk', 'Hana Novak', 'Ahmet van Dijk',
] as const;
const PLACES = [
  'Ankara', 'İstanbul', 'Gaza', 'Kiev', 'Brussels', 'Nairobi', 'Jakarta', 'Lagos', 'Dhaka', 'Bogotá',
  'Tehran', 'Berlin', 'Doha', 'Khartoum', 'Manila', 'Karachi', 'Lima', 'Hanoi', 'Ramallah', 'Oslo',
] as const;
const ACTORS = [
  'Foreign minister', 'Central bank', 'Parliament', 'Opposition leader', 'UN envoy', 'Aid agencies',
  'Port workers', 'Farmers', 'Health officials', 'Energy regulator', 'Climate scientists', 'Football federation',
  'Rescue teams', 'Trade unions', 'Election board', 'Defence ministry',
] as const;
const VERBS = [
  'urges', 'rejects', 'backs', 'warns over', 'calls for', 'opens talks on', 'announces', 'delays',
  'pushes for', 'signs deal on', 'questions', 'launches inquiry into',
] as const;
const OBJECTS = [
  'ceasefire plan', 'new sanctions package', 'interest rate cut', 'grain corridor', 'border crossing',
  'water rationing', 'solar subsidy', 'election reform', 'rail link', 'debt relief', 'refugee returns',
  'heatwave measures', 'stadium project', 'fishing quotas', 'vaccine rollout', 'coal phase-out',
] as const;
const WORDS = [
  'officials', 'said', 'the', 'government', 'would', 'consider', 'measures', 'after', 'talks', 'with',
  'regional', 'partners', 'on', 'Monday', 'residents', 'described', 'long', 'queues', 'and', 'rising',
  'prices', 'in', 'markets', 'analysts', 'expect', 'further', 'pressure', 'on', 'budgets', 'as', 'winter',
  'approaches', 'negotiators', 'met', 'behind', 'closed', 'doors', 'for', 'hours', 'according', 'to',
  'people', 'familiar', 'with', 'discussions', 'Türkiye’s', 'envoy', 'welcomed', 'the', 'proposal',
  'while', 'critics', 'called', 'it', 'a', 'step', 'backwards', 'for', 'transparency', 'aid', 'convoys',
  'reached', 'villages', 'cut', 'off', 'by', 'floods', 'ministers', 'promised', 'swift', 'action',
] as const;
const QUOTES = [
  '"We will not accept any solution imposed from outside," the spokesperson said.',
  '“This is a turning point for the whole region,” one diplomat told reporters.',
  "'Nobody should pay for a crisis they did not cause,' a protester said.",
  '“Talks are continuing, and we remain hopeful,” the ministry said in a statement.',
] as const;
const PROMOS = [
  'Click here to follow our WhatsApp channel for more stories.',
  'Loading...',
  'Sneak a peek at TRT Global. Share your feedback!',
] as const;
const EXTERNAL_HEADLINES = [
  'Jake Paul reports double broken jaw after knockout loss',
  'Japan sets five-year business push into Central Asia',
  'Calls for slavery reparations grow across Africa',
  'Russia scraps post-Cold War military pacts with Europe',
  'Honduran election officials recount votes amid fraud accusations',
  'Algerian parliament opens debate on colonial-era bill',
] as const;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export interface GeneratorOptions {
  /** The run's seed: the same seed gives the same captures. */
  seed: number;
  /** How many captures the set holds (links point at headlines inside it). */
  total: number;
  /** 0 for the original capture; another number rewrites standfirst, a paragraph and the lists. */
  revision?: number;
  /**
   * 0 for the first capture of a page; another number captures it again later: the Explore
   * list is the site's list at that time (shared by pages captured in the same window), and a
   * page in four also carries a small correction to one paragraph.
   */
  recapture?: number;
}

/** Pages captured in the same window of a recapture print the same Explore list. */
const RECAPTURE_WINDOW = 100;

/** What a generated capture must parse to, in part (for tests). */
export interface GeneratedCapture {
  fileName: string;
  externalId: string;
  text: string;
  expected: { title: string; section: string | null; recommended: number; explore: number };
}

const pad = (value: number, width: number) => String(value).padStart(width, '0');

export const captureExternalId = (seed: number, index: number) =>
  `${pad(index, 6)}_${mix(seed, index, 1).toString(16).padStart(8, '0')}${mix(seed, index, 2).toString(16).padStart(8, '0')}`;

/** The headline of capture `index`; a few collide on purpose (slugs `-2`). */
export const headlineFor = (seed: number, index: number): string => {
  const random = mulberry32(mix(seed, index, 3));
  const actor = pick(random, ACTORS);
  const place = pick(random, PLACES);
  const core = `${actor} ${pick(random, VERBS)} ${pick(random, OBJECTS)}`;
  const form = between(random, 0, 3);
  if (form === 0) return `${core} in ${place}`;
  if (form === 1) return `${place}: ${core.charAt(0).toLowerCase()}${core.slice(1)} as talks drag on`;
  if (form === 2) return `${core} after ${pick(random, OBJECTS)} stalls in ${place}`;
  return `${place} ${core.charAt(0).toLowerCase()}${core.slice(1)}, ${between(random, 2, 40)} days on`;
};

const sentence = (random: Random) => {
  const words = Array.from({ length: between(random, 10, 22) }, () => pick(random, WORDS));
  const text = words.join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}${pick(random, ['.', '.', '.', '!'])}`;
};

const paragraph = (random: Random, place: string) => {
  if (chance(random, 0.15)) return pick(random, QUOTES);
  const sentences = Array.from({ length: between(random, 3, 5) }, () => sentence(random));
  if (chance(random, 0.3)) sentences.unshift(`In ${place} , officials met again on Tuesday.`);
  const lead = chance(random, 0.1) ? '   ' : '';
  return lead + sentences.join(' ');
};

const dateOf = (random: Random) => {
  const year = between(random, 2023, 2025);
  const month = between(random, 1, 12);
  const day = between(random, 1, 28);
  return { iso: `${year}-${pad(month, 2)}-${pad(day, 2)}`, printed: `${MONTHS[month - 1]} ${day}, ${year}` };
};

const captionLine = (random: Random, place: string): string | null => {
  const text = `${pick(random, ACTORS)} gather in ${place} on the day of the announcement`;
  switch (between(random, 0, 6)) {
    case 0:
      return `${text} (${pick(random, ['AA', 'Reuters', 'AFP'])})`;
    case 1:
      return pick(random, ['stk thumbnail / TRT World', `ST THUMBNAIL ${place.toUpperCase()} / TRT World`]);
    case 2:
      return null;
    default:
      return `${text} / ${pick(random, CREDITS)}`;
  }
};

const bylineLine = (random: Random): string | null => {
  if (!chance(random, 0.45)) return null;
  const name = pick(random, NAMES);
  return chance(random, 0.2) ? `${name}${name}` : name;
};

/** A recommended card in one of its printed forms (marker + glued/spaced `Related`, READ MORE). */
const cardLines = (random: Random, title: string): string[] => {
  switch (between(random, 0, 4)) {
    case 0:
      return ['RECOMMENDED', `RelatedTRT World - ${title}`];
    case 1:
      return ['Recommended', `RelatedTRT Global - ${title}`];
    case 2:
      return ['RECOMMENDED', `Related ${title}`];
    case 3:
      return [`READ MORE: ${title}`];
    default:
      return ['RECOMMENDED', 'Related', title];
  }
};

/** A headline elsewhere in the set, or one from outside it. */
const otherHeadline = (random: Random, options: GeneratorOptions, index: number) => {
  if (options.total > 1 && chance(random, 0.8)) {
    const other = (index + between(random, 1, options.total - 1)) % options.total;
    return headlineFor(options.seed, other);
  }
  return `${pick(random, EXTERNAL_HEADLINES)} ${between(random, 1, 999)}`;
};

/** One capture of the set: text (possibly with CRLF line ends) and what it must parse to. */
export const generateCapture = (options: GeneratorOptions, index: number): GeneratedCapture => {
  const revision = options.revision ?? 0;
  const random = mulberry32(mix(options.seed, index, 4));
  // A separate stream for what a revision changes, so the rest of the capture stays the same.
  const revised = mulberry32(mix(options.seed, index, 5, revision));
  const title = headlineFor(options.seed, index);
  const place = pick(random, PLACES);
  const date = dateOf(random);
  const lines: string[] = [];

  const firstLineForm = between(random, 0, 9);
  const section = firstLineForm <= 7 ? pick(random, SECTIONS) : null;
  if (section !== null) lines.push(` date ${date.iso} ${section}`);
  else if (firstLineForm === 8) lines.push(` date ${date.iso} POLITICSTÜRKİYEWAR ON GAZABIZTECHFEATURESOPINION`);
  else lines.push(date.printed);
  if (chance(random, 0.6)) lines.push(`${between(random, 1, 9)} ${chance(random, 0.8) ? 'min read' : 'MIN READ'}`);

  lines.push(title);
  const standfirst = `${pick(random, ACTORS)} in ${place} say the decision on ${pick(random, OBJECTS)} will shape the coming months.`;
  lines.push(revision === 0 ? standfirst : `${standfirst.slice(0, -1)}, revision ${revision} reports.`);
  const caption = captionLine(random, place);
  if (chance(random, 0.85)) lines.push(title);
  if (caption !== null) lines.push(caption);
  const byline = bylineLine(random);
  if (byline !== null) lines.push(byline);
  if (firstLineForm !== 9) lines.push(date.printed);
  lines.push('');

  // Paragraphs up to a body size drawn per capture: files come out at about 3–8 KB.
  const bodyChars = between(random, 2_100, 5_600);
  const paragraphs: string[] = [];
  for (let chars = 0; chars < bodyChars || paragraphs.length < 6; ) {
    paragraphs.push(paragraph(random, place));
    chars += paragraphs[paragraphs.length - 1].length;
  }
  if (revision !== 0) paragraphs[1] = `${sentence(revised)} ${sentence(revised)}`;
  const recapture = options.recapture ?? 0;
  const later = mulberry32(mix(options.seed, index, 6, recapture));
  if (recapture !== 0 && chance(later, 0.25)) paragraphs[2] = `${paragraphs[2]} ${sentence(later)}`;
  const cardTitles = Array.from({ length: between(random, 0, 3) }, () => otherHeadline(random, options, index));
  const cardAt = new Set(cardTitles.map((_, n) => 2 + n * 3));
  paragraphs.forEach((text, n) => {
    lines.push(text, '');
    if (n === 4 && chance(random, 0.4)) lines.push(`What comes next for ${place}`, '');
    if (chance(random, 0.06)) lines.push(pick(random, PROMOS), '');
    if (cardAt.has(n)) lines.push(...cardLines(random, cardTitles[[...cardAt].indexOf(n)]), '');
  });
  const cardsPrinted = [...cardAt].filter((n) => n < paragraphs.length).length;

  if (chance(random, 0.9)) lines.push(pick(random, SOURCE_LINES));
  let explore = Array.from({ length: between(random, 6, 15) }, () => otherHeadline(random, options, index));
  if (recapture !== 0) {
    // Drawn after the page's own list, so the rest of the capture stays as it was.
    const siteWide = mulberry32(mix(options.seed, Math.floor(index / RECAPTURE_WINDOW), 7, recapture));
    explore = Array.from({ length: between(siteWide, 6, 15) }, () => otherHeadline(siteWide, options, index));
  }
  const authors = recapture === 0 ? random : later;
  if (revision !== 0) {
    explore.pop();
    explore[0] = otherHeadline(revised, options, index);
  }
  lines.push(chance(random, 0.9) ? 'Explore' : 'More Videos');
  for (const headline of explore) {
    lines.push(headline);
    if (chance(authors, 0.15)) lines.push(`By ${pick(authors, NAMES)}`);
  }

  const text = `${lines.join('\n')}\n`;
  const externalId = captureExternalId(options.seed, index);
  return {
    fileName: `${externalId}.txt`,
    externalId,
    // Its own stream: a recapture's longer or shorter lists leave the line ends as they were.
    text: chance(mulberry32(mix(options.seed, index, 8)), 0.15) ? text.replace(/\n/g, '\r\n') : text,
    expected: { title, section, recommended: cardsPrinted, explore: explore.length },
  };
};
