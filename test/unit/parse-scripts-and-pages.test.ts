import { describe, expect, it } from 'vitest';
import { parseCapture, type ParsedArticle } from '../../src/plugins/ingest/server/src/parse';
import { endsLikeSentence, graphemeCount, isSentenceLike, wordCount } from '../../src/plugins/ingest/server/src/parse/measure';
import { articleSlug } from '../../src/plugins/ingest/server/src/plan/slug';
import { parseCaptureBytes } from '../../src/plugins/ingest/server/src/read';

const FILE = '500_0123456789abcdef.txt';

function parsed(lines: string[]): ParsedArticle & { warnings: string[] } {
  const result = parseCapture(lines.join('\n'), FILE);
  if (result.outcome !== 'parsed') throw new Error(`expected the capture to parse, it failed: ${result.reason}`);
  return { ...result.article, warnings: result.warnings };
}

function failure(lines: string[]): string {
  const result = parseCapture(lines.join('\n'), FILE);
  if (result.outcome !== 'failed') throw new Error(`expected the capture to fail, it parsed as "${result.article.title}"`);
  return result.reason;
}

const texts = (article: ParsedArticle) => article.body.map((block) => `${block.type}:${block.text}`);
const explore = (article: ParsedArticle) => article.relatedLinks.filter((link) => link.kind === 'explore').map((link) => link.title);

describe('measuring a line in any script', () => {
  it('counts words where the script puts no spaces between them', () => {
    expect(wordCount('中国东部港口启用全自动集装箱码头')).toBeGreaterThan(4);
    expect(wordCount('京都の研究チーム、海水から水素を生成する触媒を開発')).toBeGreaterThan(6);
    expect(wordCount('กรุงเทพมหานครเปิดให้บริการรถไฟฟ้าสายใหม่')).toBeGreaterThan(5);
  });

  it('counts spaced scripts by their spaces, as before', () => {
    expect(wordCount('The 24-year-old U.S. forward signs')).toBe(5);
    expect(wordCount('서울 지하철 새 노선 개통')).toBe(5);
    expect(wordCount('Под стеклянным куполом собраны растения')).toBe(5);
  });

  it('counts a Devanagari syllable with its marks as one character', () => {
    expect(graphemeCount('हिन्दी')).toBeLessThan('हिन्दी'.length);
  });

  it.each([
    '港口正式启用。',
    '研究を率いた教授は「五年以内に実証プラントを動かしたい。」',
    'هل تنجح المحطة؟',
    'योजना शुरू की गई।',
    'Θα αντέξει το πάρκο;',
    'Is it over?”',
    '“没有人会因为自动化而失去工作”。',
  ])('reads "%s" as ending like a sentence', (text) => {
    expect(endsLikeSentence(text)).toBe(true);
  });

  it.each(['中国东部港口启用全自动集装箱码头', 'Markets react', 'تحديات بيئية', 'Semicolon; in English;'])('reads "%s" as no sentence', (text) => {
    expect(endsLikeSentence(text)).toBe(false);
  });

  it('takes a long line without a final mark (Thai) for prose', () => {
    const thai =
      'กรุงเทพมหานครเปิดให้บริการรถไฟฟ้าสายใหม่อย่างเป็นทางการเมื่อวันพุธ โดยมีประชาชนจำนวนมากเดินทางมาทดลองใช้บริการตั้งแต่ช่วงเช้ามืด';
    expect(isSentenceLike(thai)).toBe(true);
    expect(isSentenceLike('ค่าโดยสารและช่วงทดลอง')).toBe(false);
  });
});

describe('articles in scripts without spaces or capitals', () => {
  const chinese = [
    ' date 2025-11-13 国际',
    '中国东部港口启用全自动集装箱码头',
    '新码头配备无人驾驶集卡和远程操控岸桥，运营方预计年吞吐能力将提高约四成。',
    '',
    '港口周四正式启用全自动集装箱码头。',
    '',
    '效率提升',
    '',
    '运营方称，单箱作业时间缩短约三成。',
    '',
    '工会表示，希望企业为转岗员工提供培训。',
  ];

  it('reads short paragraphs ending in 。 as paragraphs and a short unpunctuated line as a subhead', () => {
    const article = parsed(chinese);
    expect(article.standfirst).toBe('新码头配备无人驾驶集卡和远程操控岸桥，运营方预计年吞吐能力将提高约四成。');
    expect(texts(article)).toEqual([
      'paragraph:港口周四正式启用全自动集装箱码头。',
      'heading:效率提升',
      'paragraph:运营方称，单箱作业时间缩短约三成。',
      'paragraph:工会表示，希望企业为转岗员工提供培训。',
    ]);
  });

  it('reads a section label in a script without capitals', () => {
    expect(parsed(chinese).section).toBe('国际');
    expect(parsed([' date 2025-05-21 الشرق الأوسط', ...chinese.slice(1)]).section).toBe('الشرق الأوسط');
  });

  it('reads prose on the date line in a script without capitals as body, not a label', () => {
    const text = [' date 2025-11-13 北京——港口周四正式启用全自动集装箱码头，首批货轮完成装卸。', '', '运营方称，单箱作业时间缩短约三成。'];
    expect(failure(text)).toMatch(/^500_0123456789abcdef\.txt: no headline — the capture is body text only/);
  });

  it('does not take a Chinese paragraph ending in 。 for a headline', () => {
    expect(failure(['港口周四正式启用全自动集装箱码头，首批两艘远洋货轮在新泊位完成装卸作业。'])).toMatch(/no headline/);
  });

  it('keeps a Hindi sentence ending in the danda a paragraph, however short', () => {
    const article = parsed([
      'दिल्ली में यमुना नदी की सफ़ाई के लिए नई योजना शुरू',
      'February 11, 2025',
      '',
      'अधिकारियों ने योजना की घोषणा की।',
      '',
      'काम अगले महीने शुरू होगा।',
    ]);
    expect(texts(article)).toEqual(['paragraph:अधिकारियों ने योजना की घोषणा की।', 'paragraph:काम अगले महीने शुरू होगा।']);
  });

  it.each([
    ['2025年6月3日', '2025-06-03'],
    ['2025년 4월 18일', '2025-04-18'],
    ['14 марта 2025', '2025-03-14'],
    ['25 Σεπτεμβρίου 2025', '2025-09-25'],
    ['21 مايو 2025', '2025-05-21'],
    ['20 באוגוסט 2025', '2025-08-20'],
    ['11 फ़रवरी 2025', '2025-02-11'],
    ['9 กรกฎาคม 2568', '2025-07-09'],
    ['13 Kasım 2025', '2025-11-13'],
  ])('reads the dateline %s in the page language as %s, not as body text', (dateline, iso) => {
    const article = parsed(['港口启用全自动码头', '新码头配备无人驾驶集卡。', dateline, '', '港口周四正式启用全自动集装箱码头。']);
    expect(article.publicationDate).toBe(iso);
    expect(texts(article)).toEqual(['paragraph:港口周四正式启用全自动集装箱码头。']);
    expect(article.warnings).toEqual([]);
  });

  it('drops `By` lines in any script from the explore list', () => {
    const article = parsed(['港口启用全自动码头', '新码头配备无人驾驶集卡。', '', 'Explore', '央行维持利率不变', 'By 李明', 'ارتفاع أسعار النفط', 'By أحمد الخطيب']);
    expect(explore(article)).toEqual(['央行维持利率不变', 'ارتفاع أسعار النفط']);
  });
});

describe('video pages', () => {
  const TITLE = 'Drone footage shows scale of flooding along the Sava river';
  const DESCRIPTION =
    'Days of heavy rain have pushed the Sava river over its banks. Drone footage shows farmland under water, with rescue teams using boats to reach families.';
  const BODY = 'Meteorologists expect more rain at the weekend, the national weather service said.';
  const MORE = ['More Videos', 'Wildfire crews battle blaze in coastal hills', '02:47', 'Farmers harvest saffron as prices climb', '1:12:05'];

  it.each([
    ['title, duration, title, description, title', [TITLE, '05:01', TITLE, DESCRIPTION, TITLE]],
    ['duration, title twice, description', ['00:45', TITLE, TITLE, DESCRIPTION]],
    ['title twice, an hour-long duration, description, title', [TITLE, TITLE, '1:02:15', DESCRIPTION, TITLE]],
    ['title, description, title twice, duration', [TITLE, DESCRIPTION, TITLE, TITLE, '9:59']],
    ['description first, then title, duration, title', [DESCRIPTION, TITLE, '05:01', TITLE]],
    ['title three times in a row, then description', [TITLE, TITLE, TITLE, '12:00', DESCRIPTION]],
  ])('reads %s as one headline and the description as standfirst', (_, header) => {
    const article = parsed([' date 2025-10-02 World Share', '2 min read', ...header, '', BODY, '', ...MORE]);
    expect(article).toMatchObject({
      title: TITLE,
      standfirst: DESCRIPTION,
      imageCaption: null,
      imageCredit: null,
      byline: null,
      section: null,
      readingTimeMinutes: 2,
      publicationDate: '2025-10-02',
      warnings: [],
    });
    expect(texts(article)).toEqual([`paragraph:${BODY}`]);
    expect(explore(article)).toEqual(['Wildfire crews battle blaze in coastal hills', 'Farmers harvest saffron as prices climb']);
  });

  it('imports a video page whose only text is the description', () => {
    const article = parsed([TITLE, '05:01', TITLE, DESCRIPTION, ...MORE]);
    expect([article.standfirst, article.body, article.readingTimeMinutes]).toEqual([DESCRIPTION, [], null]);
  });

  it('does not take a clock-like line that is no duration for one', () => {
    const article = parsed([TITLE, DESCRIPTION, '', '25:61', '', BODY]);
    expect(texts(article)).toContain('heading:25:61');
  });
});

describe('pages that are not articles, by kind', () => {
  const HEADLINES = ['Harbour town opens floating solar farm', 'Ferry line adds electric boats', 'Wind farm starts feeding the grid'];

  it('fails an author page that signs its headlines, even with a date line', () => {
    const reason = failure([
      ' date 2025-11-28 World Share',
      'Ezgi Toper',
      'Ezgi Toper is a reporter covering energy and the environment from Istanbul.',
      ...HEADLINES.flatMap((headline) => [headline, 'By Ezgi Toper']),
    ]);
    expect(reason).toBe(
      '500_0123456789abcdef.txt: not an article — it looks like an author page ("Ezgi Toper", then a list of 3 headlines of theirs), so there is no story to import',
    );
  });

  it('fails an author page in a script without capitals, by the name its headlines are signed with', () => {
    const reason = failure(['김민준', '김민준 기자는 서울에서 경제와 기술을 취재한다.', '반도체 수출 석 달 연속 증가', 'By 김민준', '새 지하철 노선 개통', 'By 김민준']);
    expect(reason).toMatch(/not an article — it looks like an author page \("김민준"/);
  });

  it('fails a topic page in a script without spaces', () => {
    expect(failure(['气候变化', '阿尔卑斯山冰川融化形成新湖', '热浪推高夏季用电需求', '志愿者在火灾后的山坡植树'])).toMatch(
      /topic or tag page \("气候变化", then 3 headlines/,
    );
  });

  it('fails a title with a one-line blurb over short headlines as a topic page', () => {
    const reason = failure(['Energy', 'The latest news and analysis on energy and the climate.', ...HEADLINES, 'Bazaar traders mark 500 years']);
    expect(reason).toMatch(/topic or tag page \("Energy", then 4 headlines/);
  });

  it('fails a name with a bio that names it over short headlines as an author page, in a script without capitals', () => {
    const reason = failure(['王伟', '王伟是驻北京记者，长期报道中国经济与科技。', '港口启用全自动码头', '新能源汽车出口增长', '芯片企业加大研发投入']);
    expect(reason).toMatch(/author page \("王伟", then a list of 3 headlines/);
  });

  it('imports a standfirst over a body of short unpunctuated lines when the page prints a source', () => {
    const article = parsed(['Ceasefire deal: the main points', 'Both sides agreed to a text on Sunday evening.', '', ...HEADLINES, '', 'SOURCE: AA']);
    expect(article.body).toHaveLength(3);
    expect(article.sources).toEqual(['AA']);
  });

  it('fails a video index, titles with their durations', () => {
    const reason = failure(['Videos', HEADLINES[0], '05:01', HEADLINES[1], '00:45', HEADLINES[2], '1:02:15']);
    expect(reason).toMatch(/not an article — it looks like a video index \(3 videos listed with their durations/);
  });

  it('fails a bare More Videos list with durations as a video index', () => {
    expect(failure(['More Videos', HEADLINES[0], '05:01', HEADLINES[1], '00:45', HEADLINES[2], '03:10'])).toMatch(/video index/);
  });

  it('imports an article with a one-sentence body and an explore list signed by many authors', () => {
    const article = parsed([
      ' date 2025-10-21 SPORT',
      'Karadere FC appoint former captain as head coach',
      'The 41-year-old takes over until the end of the season.',
      'October 21, 2025',
      '',
      'Karadere FC named Emre Vural as head coach on Tuesday.',
      '',
      'Explore',
      ...HEADLINES.flatMap((headline, index) => [headline, `By ${['Kerem Aydın', 'Deniz Ekin', 'Selin Akar'][index]}`]),
    ]);
    expect(article.body).toHaveLength(1);
    expect(explore(article)).toEqual(HEADLINES);
  });

  it('imports an article headlined with a person’s name when it has a story', () => {
    const article = parsed(['Leyla Marsh', 'The translator and poet has died aged 88.', '', 'She translated more than forty books of poetry, her publisher said.']);
    expect(article.title).toBe('Leyla Marsh');
  });

  it('imports an article of a few short paragraphs in Thai, with no final marks', () => {
    const article = parsed([
      ' date 2025-07-09 ASIA',
      'กรุงเทพฯ เปิดรถไฟฟ้าสายใหม่',
      'รถไฟฟ้าสายใหม่มีทั้งหมด 14 สถานี คาดว่าจะมีผู้โดยสารใช้บริการวันละกว่าหนึ่งแสนคน และช่วยลดปัญหาการจราจรบนถนนสายหลัก',
      'July 9, 2025',
      '',
      'กรุงเทพมหานครเปิดให้บริการรถไฟฟ้าสายใหม่อย่างเป็นทางการเมื่อวันพุธ โดยมีประชาชนจำนวนมากเดินทางมาทดลองใช้บริการตั้งแต่ช่วงเช้ามืด',
      '',
      'ผู้ประกอบการร้านค้าใกล้สถานีหลายแห่งระบุว่า มีลูกค้าเพิ่มขึ้นอย่างเห็นได้ชัดตั้งแต่วันแรกที่เปิดให้บริการ',
    ]);
    expect(article.body.map((block) => block.type)).toEqual(['paragraph', 'paragraph']);
  });
});

describe('the import and the preview read bytes the same way (parseCaptureBytes)', () => {
  const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));

  it('names the file as the import lists it, in every kind of failure', () => {
    expect(parseCaptureBytes(new Uint8Array(), 'nested/x.txt')).toMatchObject({
      outcome: 'failed',
      externalId: 'x',
      reason: 'nested/x.txt: empty file (0 bytes), so no headline',
    });
    expect(parseCaptureBytes(bytes('A headline alone\n'), 'nested/x.txt')).toMatchObject({
      externalId: 'x',
      reason: expect.stringMatching(/^nested\/x\.txt: no standfirst and no body/),
    });
  });

  it('fails a headline the database cannot store, as the import does', () => {
    const result = parseCaptureBytes(bytes(`${'Extraordinarily '.repeat(20)}headline\nThe standfirst says what happened.\n`), 'long.txt');
    expect(result).toMatchObject({ outcome: 'failed', reason: expect.stringMatching(/^long\.txt: the headline is \d+ characters long, above the limit of 255/) });
  });

  it('cuts a long headline quoted in a reason between characters, never inside one', () => {
    const reason = failure([`${'港'.repeat(59)}😀😀 end`]);
    expect(reason).toContain(`"${'港'.repeat(59)}😀…"`);
  });
});

describe('slugs of titles in other scripts', () => {
  it.each([
    ['В Санкт-Петербурге открылся ботанический сад', 'v-sankt-peterburge-otkrylsya-botanicheskij-sad'],
    ['Η Αθήνα αποκτά νέο πάρκο', 'h-a8hna-apokta-neo-parko'],
  ])('spells %s in Latin letters', (title, slug) => {
    expect(articleSlug(title, '600_x')).toBe(slug);
  });

  it.each(['中国东部港口启用全自动集装箱码头', '京都の研究チーム', '서울 지하철 새 노선 개통', 'กรุงเทพฯ เปิดรถไฟฟ้าสายใหม่', 'נמל חדש נפתח', 'दिल्ली में नई योजना'])(
    'falls back to the external id for %s, which slugify cannot spell',
    (title) => {
      expect(articleSlug(title, '600_x')).toBe('600_x');
    },
  );
});
