import { mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { articleSlug, nameSlug } from '../../src/plugins/ingest/server/src/plan/slug';
import { parseCapture, type ParsedArticle } from '../../src/plugins/ingest/server/src/parse';
import { decodeCapture, DEFAULT_MAX_FILE_BYTES, parseFile, readCaptureBytes } from '../../src/plugins/ingest/server/src/read';

/** The parts of an invented capture, top to bottom; `null` leaves a part out. */
interface Parts {
  first: string | null;
  readingTime: string | null;
  headline: string | null;
  standfirst: string | null;
  repeat: string | null;
  caption: string | null;
  byline: string | null;
  dateline: string | null;
  body: string[];
  tail: string[];
}

const HEADLINE = 'Harbour town opens floating solar farm on disused quarry lake';
const STANDFIRST = 'The 12-megawatt array will cover about a fifth of the town’s electricity needs, officials say.';
const PARAGRAPHS = [
  'The solar farm, built on pontoons across a flooded quarry, was switched on by the mayor on Monday.',
  'Engineers said the water keeps the panels cool, which lets them produce more power on hot days.',
];

const BASE: Parts = {
  first: ' date 2025-05-12 SCIENCE & TECH',
  readingTime: '2 min read',
  headline: HEADLINE,
  standfirst: STANDFIRST,
  repeat: HEADLINE,
  caption: 'Panels float on the quarry lake outside the town / Reuters',
  byline: 'Deniz Ekin',
  dateline: 'May 12, 2025',
  body: PARAGRAPHS,
  tail: ['SOURCE:TRT World & Agencies'],
};

function capture(overrides: Partial<Parts> = {}, separator = '\n\n'): string {
  const parts = { ...BASE, ...overrides };
  const header = [parts.first, parts.readingTime, parts.headline, parts.standfirst, parts.repeat, parts.caption, parts.byline, parts.dateline];
  const head = header.filter((line): line is string => line !== null).join('\n');
  return [head, parts.body.join(separator), ...parts.tail].filter((chunk) => chunk !== '').join('\n\n');
}

type Parsed = ParsedArticle & { warnings: string[] };

function parsed(text: string, fileName = '100_0123456789abcdef.txt'): Parsed {
  const result = parseCapture(text, fileName);
  if (result.outcome !== 'parsed') throw new Error(`expected the capture to parse, it failed: ${result.reason}`);
  return { ...result.article, warnings: result.warnings };
}

function failure(text: string, fileName = '100_0123456789abcdef.txt'): string {
  const result = parseCapture(text, fileName);
  if (result.outcome !== 'failed') throw new Error(`expected the capture to fail, it parsed as "${result.article.title}"`);
  return result.reason;
}

const paragraphs = (article: Parsed): string[] => article.body.map((block) => block.text);
const recommended = (article: Parsed) => article.relatedLinks.filter((link) => link.kind === 'recommended');
const explore = (article: Parsed) => article.relatedLinks.filter((link) => link.kind === 'explore');

describe('a complete capture', () => {
  it('reads every element and warns about nothing', () => {
    const article = parsed(capture());
    expect(article).toEqual({
      externalId: '100_0123456789abcdef',
      title: HEADLINE,
      standfirst: STANDFIRST,
      publicationDate: '2025-05-12',
      readingTimeMinutes: 2,
      imageCaption: 'Panels float on the quarry lake outside the town',
      imageCredit: 'Reuters',
      byline: 'Deniz Ekin',
      section: 'SCIENCE & TECH',
      sources: ['TRT World', 'Agencies'],
      body: PARAGRAPHS.map((text) => ({ type: 'paragraph', text })),
      relatedLinks: [],
      warnings: [],
    });
  });

  it('takes the external id from the file name without folder or extension', () => {
    expect(parsed(capture(), 'seeds/sub/042_feedfacecafebeef.txt').externalId).toBe('042_feedfacecafebeef');
  });
});

describe('first line', () => {
  it.each(['CONFLICT & PEACE PROCESSES', 'TÜRKİYE', 'WAR ON GAZA', 'BUSINESS & ECONOMY', 'G20 SUMMIT'])('reads the label %s', (label) => {
    expect(parsed(capture({ first: ` date 2025-05-12 ${label}` })).section).toBe(label);
  });

  it('normalises spaces in the label', () => {
    expect(parsed(capture({ first: ' date 2025-05-12   BUSINESS  &  ECONOMY ' })).section).toBe('BUSINESS & ECONOMY');
  });

  it('has no section when the line carries only the date', () => {
    const article = parsed(capture({ first: ' date 2025-05-12' }));
    expect(article.section).toBeNull();
    expect(article.publicationDate).toBe('2025-05-12');
  });

  it.each([
    ['the glued site menu', ' date 2024-09-03 POLITICSTÜRKİYEWAR ON GAZABIZTECHFEATURESOPINION'],
    ['World Share', ' date 2024-09-03 World Share'],
  ])('treats %s as navigation noise, not a section, without a warning', (_, first) => {
    const article = parsed(capture({ first, dateline: 'September 3, 2024' }));
    expect(article.section).toBeNull();
    expect(article.title).toBe(HEADLINE);
    expect(article.publicationDate).toBe('2024-09-03');
    expect(article.warnings).toEqual([]);
  });

  it('fails a capture whose body prose starts on the date line and has no headline', () => {
    const text = [
      ' date 2024-09-03 ISTANBUL — Ferry operators added extra crossings on Sunday after a bus strike.',
      '',
      'Passenger numbers were almost double those of a normal Sunday, the ferry company said.',
      '',
      'SOURCE: AA',
    ].join('\n');
    const reason = failure(text, '200_aaaaaaaaaaaaaaaa.txt');
    expect(reason).toMatch(/^200_aaaaaaaaaaaaaaaa\.txt: no headline/);
    expect(reason).toContain('date line');
  });

  it('keeps date-line prose as the first paragraph when a full header follows it', () => {
    const article = parsed(capture({ first: ' date 2025-05-12 ANKARA — The farm was finished ahead of schedule.' }));
    expect(article.section).toBeNull();
    expect(article.title).toBe(HEADLINE);
    expect(paragraphs(article)[0]).toBe('ANKARA — The farm was finished ahead of schedule.');
  });

  it('takes the date from the dateline when there is no date line, without a warning', () => {
    const article = parsed(capture({ first: null }));
    expect(article.publicationDate).toBe('2025-05-12');
    expect(article.section).toBeNull();
    expect(article.warnings).toEqual([]);
  });

  it('leaves the date unknown when neither date line nor dateline is there, without a warning', () => {
    const article = parsed(capture({ first: null, dateline: null }));
    expect(article.publicationDate).toBeNull();
    expect(article.title).toBe(HEADLINE);
    expect(article.byline).toBe('Deniz Ekin');
    expect(paragraphs(article)).toEqual(PARAGRAPHS);
    expect(article.warnings).toEqual([]);
  });

  it('reads a dateline printed as the first line of the file', () => {
    const article = parsed(capture({ first: 'May 12, 2025', dateline: null }));
    expect(article.publicationDate).toBe('2025-05-12');
    expect(article.title).toBe(HEADLINE);
    expect(article.standfirst).toBe(STANDFIRST);
    expect(article.warnings).toEqual([]);
  });
});

describe('dates', () => {
  it('keeps the first-line date and warns when the dateline disagrees', () => {
    const article = parsed(capture({ dateline: 'May 11, 2025' }));
    expect(article.publicationDate).toBe('2025-05-12');
    expect(article.warnings).toHaveLength(1);
    expect(article.warnings[0]).toMatch(/disagree/);
  });

  it('warns about a first-line date that cannot be read and falls back to the dateline', () => {
    const article = parsed(capture({ first: ' date 2025-02-30 SCIENCE & TECH', dateline: 'May 12, 2025' }));
    expect(article.publicationDate).toBe('2025-05-12');
    expect(article.section).toBe('SCIENCE & TECH');
    expect(article.warnings.join('\n')).toContain('2025-02-30');
  });

  it('warns about a dateline that cannot be read', () => {
    const article = parsed(capture({ first: null, dateline: 'February 30, 2025' }));
    expect(article.publicationDate).toBeNull();
    expect(article.warnings.join('\n')).toContain('February 30, 2025');
    expect(paragraphs(article)).toEqual(PARAGRAPHS);
  });

  it('reads abbreviated and day-first datelines', () => {
    expect(parsed(capture({ first: null, dateline: 'Sep 3, 2024' })).publicationDate).toBe('2024-09-03');
    expect(parsed(capture({ first: null, dateline: '3 September 2024' })).publicationDate).toBe('2024-09-03');
  });
});

describe('reading time', () => {
  it.each([
    ['2 min read', 2],
    ['1 MIN READ', 1],
    ['12 mins read', 12],
  ])('reads %s', (line, minutes) => {
    expect(parsed(capture({ readingTime: line })).readingTimeMinutes).toBe(minutes);
  });

  it('is null when absent', () => {
    expect(parsed(capture({ readingTime: null })).readingTimeMinutes).toBeNull();
  });
});

describe('headline, standfirst and the repeated headline', () => {
  it('drops the verbatim repeat but only the verbatim repeat', () => {
    const article = parsed(capture({ repeat: HEADLINE.toUpperCase(), caption: null, byline: null }));
    expect(article.title).toBe(HEADLINE);
    expect(article.standfirst).toBe(STANDFIRST);
    // Not a repeat, so it stays: in the caption's place it is read as a caption without credit.
    expect(article.imageCaption).toBe(HEADLINE.toUpperCase());
  });

  it('reads a header with no standfirst and no repeat', () => {
    const article = parsed(capture({ standfirst: null, repeat: null }));
    expect(article.standfirst).toBeNull();
    expect(article.imageCaption).toBe('Panels float on the quarry lake outside the town');
  });

  it('reads the line after the alt-text repeat as the caption, even without a credit', () => {
    const article = parsed(capture({ standfirst: null, caption: 'Panels float on the quarry lake' }));
    expect([article.standfirst, article.imageCaption, article.imageCredit]).toEqual([null, 'Panels float on the quarry lake', null]);
  });

  it('reads the line before the alt-text repeat as the standfirst, even with no caption', () => {
    const article = parsed(capture({ caption: null, byline: null }));
    expect([article.standfirst, article.imageCaption]).toEqual([STANDFIRST, null]);
  });

  it('accepts a headline ending in a full stop when the page repeats it as alt text', () => {
    const title = 'Trade talks resume with the U.S.';
    expect(parsed(capture({ headline: title, repeat: title })).title).toBe(title);
  });

  it('keeps a long video description whole as the standfirst', () => {
    const description = `${'The video follows the engineers over a year of building, from the first pontoon to the switch-on, '.repeat(5)}and ends at the launch.`;
    const article = parsed(capture({ standfirst: description, body: [], tail: ['More Videos', 'Wind farm opens', 'Bridge reopens'] }));
    expect(article.standfirst).toBe(description);
    expect(article.body).toEqual([]);
    expect(explore(article).map((link) => link.title)).toEqual(['Wind farm opens', 'Bridge reopens']);
  });

  it('fails a headline alone, naming the file and what is missing', () => {
    const reason = failure(HEADLINE, '104_0123456789abcdef.txt');
    expect(reason).toBe(
      `104_0123456789abcdef.txt: no standfirst and no body — the capture holds a headline ("${HEADLINE.slice(0, 60)}…") and nothing to import under it`,
    );
  });

  it('fails a headline with only furniture under it: date, caption, source and explore list', () => {
    const text = capture({ standfirst: null, body: [], tail: ['SOURCE: AA', 'Explore', 'First story', 'Second story'] });
    expect(failure(text)).toMatch(/no standfirst and no body/);
  });

  it('imports a headline with a standfirst only, or a body only, other fields empty', () => {
    expect(parsed([HEADLINE, STANDFIRST].join('\n'))).toMatchObject({ title: HEADLINE, standfirst: STANDFIRST, body: [], warnings: [] });
    const bodyOnly = parsed([HEADLINE, 'May 12, 2025', '', PARAGRAPHS[0]].join('\n'));
    expect(bodyOnly).toMatchObject({ standfirst: null, body: [{ type: 'paragraph', text: PARAGRAPHS[0] }], warnings: [] });
  });
});

describe('image caption', () => {
  it.each([
    ['Panels float on the lake / Reuters', 'Panels float on the lake', 'Reuters'],
    ['Panels float on the lake / Photo: AA', 'Panels float on the lake', 'AA'],
    ['Panels float on the lake / Photo: AA Archive', 'Panels float on the lake', 'AA Archive'],
    ['Panels float on the lake / AFP', 'Panels float on the lake', 'AFP'],
    ['Panels float on the lake / TRT World', 'Panels float on the lake', 'TRT World'],
    ['Panels float on the lake / TRTWorld', 'Panels float on the lake', 'TRTWorld'],
    ['Panels float on the lake (AA)', 'Panels float on the lake', 'AA'],
    ['stk thumbnail / TRT World', null, 'TRT World'],
    ['ST THUMBNAIL IRAQ / TRT World', null, 'TRT World'],
  ])('reads %s', (line, caption, credit) => {
    const article = parsed(capture({ caption: line }));
    expect([article.imageCaption, article.imageCredit]).toEqual([caption, credit]);
    expect(article.byline).toBe('Deniz Ekin');
    expect(article.warnings).toEqual([]);
  });

  it('reads a caption without credit by its place before the byline', () => {
    const article = parsed(capture({ caption: 'Panels float on the quarry lake outside the town' }));
    expect(article.imageCaption).toBe('Panels float on the quarry lake outside the town');
    expect(article.imageCredit).toBeNull();
    expect(article.standfirst).toBe(STANDFIRST);
  });

  it('is null when there is no caption', () => {
    const article = parsed(capture({ caption: null }));
    expect([article.imageCaption, article.imageCredit, article.standfirst]).toEqual([null, null, STANDFIRST]);
  });
});

describe('byline', () => {
  it.each([
    ['Ezgi Toper', 'Ezgi Toper'],
    ['Zeynep ConkarZeynep Conkar', 'Zeynep Conkar'],
    ['Ana María Ortega', 'Ana María Ortega'],
  ])('reads %s', (line, byline) => {
    expect(parsed(capture({ byline: line })).byline).toBe(byline);
  });

  it('is null when absent', () => {
    const article = parsed(capture({ byline: null }));
    expect(article.byline).toBeNull();
    expect(article.imageCredit).toBe('Reuters');
  });
});

describe('body', () => {
  const body = [
    'The solar farm was switched on by the mayor on Monday.',
    'How it works',
    'Engineers said the water keeps the panels cool.',
    'A second phase is planned for next year.',
  ];
  const blocks = [
    { type: 'paragraph', text: body[0] },
    { type: 'heading', text: 'How it works' },
    { type: 'paragraph', text: body[2] },
    { type: 'paragraph', text: body[3] },
  ];

  it('reads paragraphs and subheads separated by blank lines', () => {
    expect(parsed(capture({ body }, '\n\n')).body).toEqual(blocks);
  });

  it('reads the same from single newlines', () => {
    expect(parsed(capture({ body }, '\n')).body).toEqual(blocks);
  });

  it('trims stray spaces and tidies "word , word" without warning', () => {
    const article = parsed(capture({ body: ['   The farm opened on Monday , officials said .', '\tIt cost 9 million euros.  '] }));
    expect(paragraphs(article)).toEqual(['The farm opened on Monday, officials said.', 'It cost 9 million euros.']);
    expect(article.warnings).toEqual([]);
  });

  it('keeps straight and curly quotes as they are', () => {
    const line = '“It works,” she said. "It really does," he added, and it\'s the town’s pride.';
    expect(paragraphs(parsed(capture({ body: [line] })))).toEqual([line]);
  });

  it('keeps markup as plain characters', () => {
    const line = 'Developers can embed it with a <script src="x.js"></script> tag or <img onerror=alert(1)>.';
    expect(paragraphs(parsed(capture({ body: [line] })))).toEqual([line]);
  });

  it('does not make a heading of a short last line', () => {
    const article = parsed(capture({ body: [PARAGRAPHS[0], 'Reporting by the desk'] }));
    expect(article.body.map((block) => block.type)).toEqual(['paragraph', 'paragraph']);
  });

  it('drops promo lines', () => {
    const article = parsed(
      capture({
        body: [
          PARAGRAPHS[0],
          'Loading...',
          'Click here to follow our WhatsApp channel for more stories.',
          'Sneak a peek at TRT Global. Share your feedback!',
          PARAGRAPHS[1],
        ],
      }),
    );
    expect(paragraphs(article)).toEqual(PARAGRAPHS);
    expect(article.warnings).toEqual([]);
  });
});

describe('recommended cards', () => {
  const withCard = (...card: string[]) => capture({ body: [PARAGRAPHS[0], ...card, PARAGRAPHS[1]] });

  it.each([
    [['RECOMMENDED', 'RelatedTRT World - Wind farm opens offshore'], 'Wind farm opens offshore', 'TRT World'],
    [['Recommended', 'RelatedTRT Global - Wind farm opens offshore'], 'Wind farm opens offshore', 'TRT Global'],
    [['RECOMMENDED', 'Related Wind farm opens offshore'], 'Wind farm opens offshore', ''],
    [['Related Wind farm opens offshore'], 'Wind farm opens offshore', ''],
    [['READ MORE: Wind farm opens offshore'], 'Wind farm opens offshore', ''],
    [['RECOMMENDED', 'Related', 'Wind farm opens offshore'], 'Wind farm opens offshore', ''],
    [['RECOMMENDED', 'RelatedTRT World - Gaza – live updates'], 'Gaza – live updates', 'TRT World'],
  ])('reads %j', (card, title, publisher) => {
    const article = parsed(withCard(...card));
    expect(recommended(article)).toEqual([{ kind: 'recommended', position: 0, title, publisher }]);
    expect(paragraphs(article)).toEqual(PARAGRAPHS);
    expect(article.warnings).toEqual([]);
  });

  it('keeps a subhead that sits between the marker and the card', () => {
    const article = parsed(withCard('RECOMMENDED', 'What comes next', 'RelatedTRT World - Wind farm opens offshore'));
    expect(recommended(article).map((link) => link.title)).toEqual(['Wind farm opens offshore']);
    expect(article.body).toEqual([
      { type: 'paragraph', text: PARAGRAPHS[0] },
      { type: 'heading', text: 'What comes next' },
      { type: 'paragraph', text: PARAGRAPHS[1] },
    ]);
    expect(article.warnings).toEqual([]);
  });

  it('warns about a marker with no card', () => {
    const article = parsed(withCard('Recommended'));
    expect(recommended(article)).toEqual([]);
    expect(paragraphs(article)).toEqual(PARAGRAPHS);
    expect(article.warnings).toHaveLength(1);
    expect(article.warnings[0]).toMatch(/Recommended.*no recommended card/);
  });

  it('numbers several cards in page order', () => {
    const article = parsed(
      capture({ body: [PARAGRAPHS[0], 'RECOMMENDED', 'RelatedTRT World - First card', PARAGRAPHS[1], 'READ MORE: Second card'] }),
    );
    expect(recommended(article).map((link) => [link.position, link.title])).toEqual([
      [0, 'First card'],
      [1, 'Second card'],
    ]);
  });

  it('leaves a body sentence that starts with "Related" in the body', () => {
    const line = 'Related projects are planned in two other towns, the ministry said.';
    const article = parsed(capture({ body: [PARAGRAPHS[0], line] }));
    expect(paragraphs(article)).toEqual([PARAGRAPHS[0], line]);
    expect(recommended(article)).toEqual([]);
  });
});

describe('sources', () => {
  it.each([
    ['SOURCE:TRT World & Agencies', ['TRT World', 'Agencies']],
    ['SOURCE: AA', ['AA']],
    ['SOURCE:Reuters', ['Reuters']],
    ['SOURCE:TRTWorld and agencies', ['TRT World', 'Agencies']],
    ['SOURCE: AFP, Reuters and AA', ['AFP', 'Reuters', 'AA']],
    ['SOURCE: trt world & TRTWorld & Agencies & AGENCIES', ['TRT World', 'Agencies']],
  ])('reads %s', (line, sources) => {
    expect(parsed(capture({ tail: [line] })).sources).toEqual(sources);
  });

  it('leaves a body sentence that starts with "Sources:" in the body', () => {
    const line = 'Sources: two officials familiar with the talks, who asked not to be named because the negotiations are confidential, confirmed the plan.';
    const article = parsed(capture({ body: [PARAGRAPHS[0], line], tail: [] }));
    expect(paragraphs(article)).toEqual([PARAGRAPHS[0], line]);
    expect(article.sources).toEqual([]);
  });

  it('is empty without a source line', () => {
    expect(parsed(capture({ tail: [] })).sources).toEqual([]);
  });
});

describe('explore list', () => {
  it.each(['Explore', 'More Videos'])('reads the %s list in order, dropping author lines', (header) => {
    const article = parsed(
      capture({ tail: ['SOURCE: AA', header, 'First story', 'By Kerem Aydın', 'Second story', 'Third story', 'By Deniz Ekin'] }),
    );
    expect(explore(article)).toEqual([
      { kind: 'explore', position: 0, title: 'First story', publisher: '' },
      { kind: 'explore', position: 1, title: 'Second story', publisher: '' },
      { kind: 'explore', position: 2, title: 'Third story', publisher: '' },
    ]);
    expect(article.sources).toEqual(['AA']);
    expect(article.warnings).toEqual([]);
  });

  it('lists recommended cards before the explore list', () => {
    const article = parsed(capture({ body: [PARAGRAPHS[0], 'READ MORE: A card', PARAGRAPHS[1]], tail: ['Explore', 'A story'] }));
    expect(article.relatedLinks.map((link) => `${link.kind}:${link.title}`)).toEqual(['recommended:A card', 'explore:A story']);
  });
});

describe('pages that are not articles', () => {
  it('fails an empty text', () => {
    expect(failure('', '009_d3c644c436ce3abd.txt')).toBe('009_d3c644c436ce3abd.txt: empty file (0 bytes), so no headline');
  });

  it('fails a text of blank lines', () => {
    expect(failure('\n  \n\t\n', '300_bbbbbbbbbbbbbbbb.txt')).toMatch(/^300_bbbbbbbbbbbbbbbb\.txt: no headline/);
  });

  it('fails body prose without a date line or header', () => {
    const reason = failure(PARAGRAPHS.join('\n\n'), '301_cccccccccccccccc.txt');
    expect(reason).toMatch(/^301_cccccccccccccccc\.txt: no headline/);
  });

  it('fails an author page', () => {
    const text = [
      'Ezgi Toper',
      'Ezgi Toper',
      'Harbour town opens floating solar farm',
      'By Ezgi Toper',
      'Ferry line adds electric boats',
      'By Ezgi Toper',
      'Bazaar traders mark 500 years',
      'By Ezgi Toper',
    ].join('\n');
    const reason = failure(text, '302_dddddddddddddddd.txt');
    expect(reason).toContain('302_dddddddddddddddd.txt');
    expect(reason).toMatch(/not an article.*author page/);
  });

  it('fails an author page with a biography', () => {
    const text = [
      'Ezgi Toper',
      'Ezgi Toper reports on energy and the environment from Istanbul.',
      'Harbour town opens floating solar farm',
      'Ferry line adds electric boats',
      'Bazaar traders mark 500 years',
    ].join('\n');
    expect(failure(text)).toMatch(/author page/);
  });

  it('fails a list of headlines as a topic or tag page', () => {
    const text = [
      'Energy',
      'Harbour town opens floating solar farm',
      'Ferry line adds electric boats',
      'Bazaar traders mark 500 years',
      'Wind farm opens offshore',
    ].join('\n');
    const reason = failure(text, '303_eeeeeeeeeeeeeeee.txt');
    expect(reason).toContain('303_eeeeeeeeeeeeeeee.txt');
    expect(reason).toMatch(/not an article.*topic or tag page \("Energy", then 4 headlines/);
  });

  it('fails a bare More Videos list', () => {
    const text = ['More Videos', 'Harbour town opens floating solar farm', 'Ferry line adds electric boats', 'Wind farm opens offshore'].join('\n');
    expect(failure(text)).toMatch(/headline/);
  });
});

describe('decodeCapture', () => {
  const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));

  it('fails an empty file', () => {
    expect(decodeCapture(new Uint8Array())).toEqual({ ok: false, reason: 'empty file (0 bytes)' });
  });

  it('fails binary data with NUL bytes', () => {
    const result = decodeCapture(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48]));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/binary/);
  });

  it('fails data full of control characters', () => {
    const bytes = new Uint8Array(200).map((_, index) => (index % 3 === 0 ? 0x01 + (index % 7) : 0x41));
    expect(decodeCapture(bytes).ok).toBe(false);
  });

  it('reads UTF-8 with and without a byte-order mark', () => {
    expect(decodeCapture(utf8('Türkiye’s port'))).toEqual({ ok: true, text: 'Türkiye’s port' });
    expect(decodeCapture(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('Türkiye’s port')]))).toEqual({ ok: true, text: 'Türkiye’s port' });
  });

  it('falls back to Latin-1 when the bytes are not UTF-8', () => {
    expect(decodeCapture(new Uint8Array(Buffer.from('Café in Besiktas, señor', 'latin1')))).toEqual({ ok: true, text: 'Café in Besiktas, señor' });
  });

  it('reads Windows-1252 curly quotes', () => {
    const bytes = new Uint8Array([0x93, ...Buffer.from('Hello', 'latin1'), 0x94, 0x20, 0x92, 0x96]);
    expect(decodeCapture(bytes)).toEqual({ ok: true, text: '“Hello” ’–' });
  });

  it('reads UTF-16 little-endian and big-endian with a byte-order mark', () => {
    const little = Buffer.from('Türkiye’s port\n', 'utf16le');
    const big = Buffer.from(little).swap16();
    expect(decodeCapture(new Uint8Array([0xff, 0xfe, ...little]))).toEqual({ ok: true, text: 'Türkiye’s port\n' });
    expect(decodeCapture(new Uint8Array([0xfe, 0xff, ...big]))).toEqual({ ok: true, text: 'Türkiye’s port\n' });
  });

  it('reads ASCII saved as UTF-16 without a byte-order mark', () => {
    expect(decodeCapture(new Uint8Array(Buffer.from('Plain words\n', 'utf16le')))).toEqual({ ok: true, text: 'Plain words\n' });
  });

  it('leaves line endings and space characters to the parser (which reads them line by line)', () => {
    expect(decodeCapture(utf8('a\r\nb\rc\u00a0d'))).toEqual({ ok: true, text: 'a\r\nb\rc\u00a0d' });
  });

  it('counts control characters other than tab and line ends, and NUL bytes', () => {
    expect(decodeCapture(utf8('ab\u0001\u000e\u001f\u007f'))).toEqual({ ok: false, reason: 'binary data, not text (4 control characters in 6)' });
    expect(decodeCapture(utf8('ab\t\r\n\u000b\u000c\u0001\u0002')).ok).toBe(true);
    expect(decodeCapture(utf8('text\u0000more\u0000'))).toEqual({ ok: false, reason: 'binary data, not text (2 NUL bytes)' });
  });
});

describe('reading and parsing files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ingest-parse-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, bytes: Uint8Array | string): string => {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    return path;
  };

  it('exports a 5 MB default limit', () => {
    expect(DEFAULT_MAX_FILE_BYTES).toBe(5 * 1024 * 1024);
  });

  it('refuses a file above the limit from its size', async () => {
    const path = write('400_ffffffffffffffff.txt', capture().repeat(40));
    const read = await readCaptureBytes(path, { maxBytes: 1000 });
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.reason).toMatch(/above the limit of 1000 bytes/);
    const result = await parseFile(path, { maxBytes: 1000 });
    expect(result).toMatchObject({ outcome: 'failed', externalId: '400_ffffffffffffffff' });
    if (result.outcome === 'failed') expect(result.reason).toMatch(/^400_ffffffffffffffff\.txt: file is .* above the limit of 1000 bytes/);
  });

  it('refuses a symbolic link, even to a good capture, and a file whose real path leaves the folder', async () => {
    const target = write('404_target.txt', capture());
    const link = join(dir, '405_link.txt');
    symlinkSync(target, link);
    const result = await parseFile(link);
    expect(result).toMatchObject({ outcome: 'failed', reason: '405_link.txt: a symbolic link, not a regular file: not read (only regular files inside the import folder are)' });

    const folder = mkdtempSync(join(tmpdir(), 'ingest-folder-'));
    symlinkSync(dir, join(folder, 'linked'));
    try {
      const inside = await readCaptureBytes(join(folder, 'linked', '404_target.txt'), { maxBytes: 100_000, inside: realpathSync(folder) });
      expect(inside).toEqual({ ok: false, reason: 'resolves outside the import folder (through a linked folder): not read' });
      // Without a folder to stay inside (a preview of one file), the same file reads.
      expect((await readCaptureBytes(join(folder, 'linked', '404_target.txt'), { maxBytes: 100_000 })).ok).toBe(true);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('fails a missing file with its name', async () => {
    const result = await parseFile(join(dir, '401_0000000000000000.txt'));
    expect(result.outcome).toBe('failed');
    if (result.outcome === 'failed') expect(result.reason).toMatch(/^401_0000000000000000\.txt: .*no such file/);
  });

  it('fails an empty file and a binary file with the file name and the missing headline', async () => {
    const empty = await parseFile(write('402_0000000000000000.txt', ''));
    const binary = await parseFile(write('403_0000000000000000.txt', new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2, 0, 0])));
    expect(empty).toMatchObject({ outcome: 'failed', reason: '402_0000000000000000.txt: empty file (0 bytes), so no headline' });
    expect(binary.outcome).toBe('failed');
    if (binary.outcome === 'failed') expect(binary.reason).toMatch(/^403_0000000000000000\.txt: binary.*headline/);
  });

  const expectSameArticle = async (name: string, bytes: Uint8Array) => {
    const result = await parseFile(write(name, bytes));
    if (result.outcome !== 'parsed') throw new Error(`expected ${name} to parse: ${result.reason}`);
    const reference = parsed(capture(), name);
    expect({ ...result.article, warnings: result.warnings }).toEqual(reference);
  };

  it('parses CRLF, UTF-8 BOM, UTF-16 and non-breaking-space captures like the plain one', async () => {
    const text = capture();
    await expectSameArticle('410_0000000000000000.txt', Buffer.from(text.replace(/\n/g, '\r\n')));
    await expectSameArticle('411_0000000000000000.txt', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
    await expectSameArticle('412_0000000000000000.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    await expectSameArticle('413_0000000000000000.txt', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]));
    await expectSameArticle('414_0000000000000000.txt', Buffer.from(text.replace(/ /g, (space, offset: number) => (offset % 5 === 0 ? '\u00a0' : space))));
    await expectSameArticle('416_0000000000000000.txt', Buffer.from(text.replace(/\n/g, '\r')));
    await expectSameArticle('417_0000000000000000.txt', Buffer.from(text.replace(/ /g, (space, offset: number) => ['\u2007', '\u202f', space][offset % 3])));
  });

  it('parses a Windows-1252 capture with curly quotes', async () => {
    const text = capture({ body: ['“It works,” she said of the town’s farm.'] });
    const bytes = Buffer.from(text.replace(/“/g, '\x93').replace(/”/g, '\x94').replace(/’/g, '\x92'), 'latin1');
    const result = await parseFile(write('415_0000000000000000.txt', bytes));
    if (result.outcome !== 'parsed') throw new Error(result.reason);
    expect(result.article.body).toEqual([{ type: 'paragraph', text: '“It works,” she said of the town’s farm.' }]);
    expect(result.article.standfirst).toBe(STANDFIRST);
  });
});

describe('slugs', () => {
  it.each([
    ['CONFLICT & PEACE PROCESSES', 'conflict-and-peace-processes'],
    ['TÜRKİYE', 'turkiye'],
    ['WAR ON GAZA', 'war-on-gaza'],
    ['TRT World', 'trt-world'],
  ])('nameSlug(%s) is %s', (name, slug) => {
    expect(nameSlug(name)).toBe(slug);
  });

  it('falls back to the external id when slugify cannot spell the title', () => {
    expect(articleSlug('Lantern festival in Yeşilyamaç', '002_x')).toBe('lantern-festival-in-yesilyamac');
    expect(articleSlug('東京で祭り', '500_abcdef')).toBe('500_abcdef');
  });
});
