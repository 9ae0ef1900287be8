import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCaptureDir, syntheticCapture } from '../helpers/captures';
import { ARTICLE, findArticle, runImport } from '../helpers/ingest';
import { PUSH_ACTION, createApiToken, push, pushBatch, pushEndless, pushText } from '../helpers/push';
import { countRows, snapshotContentRows } from '../helpers/rows';
import { bootStrapi, type ServedTestApp } from '../helpers/strapi';
import { getService } from '../../src/plugins/ingest/server/src/utils';

const RUN = 'plugin::ingest.import-run';
let app: ServedTestApp;
const tokens = { push: '', fullAccess: '', readOnly: '', otherPermission: '' };

beforeAll(async () => {
  app = await bootStrapi({ serve: true });
  tokens.push = await createApiToken(app.strapi, 'scraper-eu', 'custom', [PUSH_ACTION]);
  tokens.fullAccess = await createApiToken(app.strapi, 'wire-bridge', 'full-access');
  tokens.readOnly = await createApiToken(app.strapi, 'site-reader', 'read-only');
  tokens.otherPermission = await createApiToken(app.strapi, 'articles-reader', 'custom', ['api::article.article.find']);
});

afterAll(async () => {
  await app?.destroy();
});

/** Everything an answer might have written: content rows and run records. */
const stateOfTheStore = async () => ({ rows: await snapshotContentRows(app.strapi), runs: await countRows(app.strapi, RUN) });

const latestRun = async () => (await app.strapi.db.query(RUN).findMany({ orderBy: { id: 'desc' }, limit: 1 }))[0];

describe('POST /api/ingest/captures: who may push', () => {
  it('answers 401 without a token or with a bad one, 403 to a token without the permission; nothing is written', async () => {
    const before = await stateOfTheStore();
    const capture = syntheticCapture({ title: 'Nobody may push this' });
    expect((await pushText(app.baseUrl, undefined, 'anonymous-push', capture)).status).toBe(401);
    expect((await pushText(app.baseUrl, 'not-a-token', 'bad-token-push', capture)).status).toBe(401);
    const readOnly = await pushText(app.baseUrl, tokens.readOnly, 'read-only-push', capture);
    expect(readOnly.status).toBe(403);
    expect(readOnly.body.error).toMatchObject({ status: 403, name: 'ForbiddenError' });
    expect((await pushText(app.baseUrl, tokens.otherPermission, 'other-push', capture)).status).toBe(403);
    expect(await stateOfTheStore()).toEqual(before);
  });

  it('is granted to no users-permissions role, the public one included', async () => {
    const granted = await app.strapi.db.query('plugin::users-permissions.permission').count({ where: { action: PUSH_ACTION } });
    expect(granted).toBe(0);
    // It is a registered content-API action: a token can be given it in Settings → API Tokens.
    expect(app.strapi.contentAPI.permissions.providers.action.keys()).toContain(PUSH_ACTION);
  });
});

describe('POST /api/ingest/captures: importing', () => {
  it('imports a pushed capture as a draft and answers the CLI report, recorded as an api run with the token name', async () => {
    const answer = await pushText(app.baseUrl, tokens.push, 'pushed-story', syntheticCapture({ title: 'A story pushed by a scraper', section: 'WORLD' }));
    expect(answer.status).toBe(200);
    expect(Object.keys(answer.body).sort()).toEqual(['counts', 'dryRun', 'finishedAt', 'items', 'missing', 'runId', 'startedAt']);
    expect(answer.body.counts).toEqual({ created: 1, updated: 0, unchanged: 0, failed: 0, duplicate: 0, conflicted: 0 });
    expect(answer.body.items).toEqual([
      { file: null, externalId: 'pushed-story', outcome: 'created', documentId: expect.any(String), warnings: [], conflicts: [], error: null },
    ]);
    const draft = await findArticle(app.strapi, 'pushed-story');
    expect(draft).toMatchObject({ title: 'A story pushed by a scraper', documentId: answer.body.items[0].documentId, publishedAt: null });
    expect(draft!.section.name).toBe('WORLD');
    expect(await findArticle(app.strapi, 'pushed-story', 'published')).toBeNull();

    const run = await latestRun();
    expect(run).toMatchObject({ documentId: answer.body.runId, trigger: 'api', actor: 'scraper-eu', status: 'succeeded', dir: null });
    const listed = await getService(app.strapi, 'runs').list();
    expect(listed.results[0]).toMatchObject({ trigger: 'api', actor: 'scraper-eu' });
  });

  it('answers unchanged to the same bytes again, and writes no row', async () => {
    const capture = syntheticCapture({ title: 'Pushed twice, the same bytes' });
    expect((await pushText(app.baseUrl, tokens.push, 'pushed-twice', capture)).body.counts.created).toBe(1);
    const before = await snapshotContentRows(app.strapi);
    const again = await pushText(app.baseUrl, tokens.push, 'pushed-twice', capture);
    expect(again.status).toBe(200);
    expect(again.body.items[0]).toMatchObject({ outcome: 'unchanged', file: null });
    expect(await snapshotContentRows(app.strapi)).toEqual(before);
  });

  it('reads other encodings as a file would be read: Latin-1, and UTF-16 with its mark', async () => {
    const title = 'Café owners in Zürich protest';
    const latin1 = Buffer.from(syntheticCapture({ title }), 'latin1');
    expect((await pushText(app.baseUrl, tokens.push, 'latin1-story', latin1)).body.items[0].outcome).toBe('created');
    expect((await findArticle(app.strapi, 'latin1-story'))!.title).toBe(title);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(syntheticCapture({ title: 'Ærø ferry resumes' }), 'utf16le')]);
    expect((await pushText(app.baseUrl, tokens.push, 'utf16-story', utf16)).body.items[0].outcome).toBe('created');
    expect((await findArticle(app.strapi, 'utf16-story'))!.title).toBe('Ærø ferry resumes');
  });

  it('answers an empty capture as a failed item, like an empty file; the path with a trailing slash reads its raw bytes too', async () => {
    const empty = await push(app.baseUrl, { token: tokens.push, contentType: 'text/plain', body: Buffer.alloc(0), query: 'externalId=empty-push' });
    expect(empty.status).toBe(200);
    expect(empty.body.items[0]).toMatchObject({ outcome: 'failed', error: 'empty-push: empty file (0 bytes), so no headline' });
    const title = 'Señal from a trailing slash';
    const response = await fetch(`${app.baseUrl}/api/ingest/captures/?externalId=trailing-slash`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.push}`, 'content-type': 'text/plain' },
      body: Buffer.from(syntheticCapture({ title }), 'latin1'),
    });
    expect(response.status).toBe(200);
    expect((await findArticle(app.strapi, 'trailing-slash'))!.title).toBe(title);
  });

  it('imports a JSON batch in order with its flags (a full-access token may push too)', async () => {
    const answer = await pushBatch(app.baseUrl, tokens.fullAccess, {
      captures: [
        { externalId: 'batch.one', text: syntheticCapture({ title: 'First of a pushed batch' }) },
        { externalId: 'batch_two', text: syntheticCapture({ title: 'Second of a pushed batch' }) },
        { externalId: 'batch-bad', text: '' },
      ],
      publish: true,
    });
    expect(answer.status).toBe(200);
    expect(answer.body.items.map((item: { externalId: string; outcome: string }) => [item.externalId, item.outcome])).toEqual([
      ['batch.one', 'created'],
      ['batch_two', 'created'],
      ['batch-bad', 'failed'],
    ]);
    expect(answer.body.items[2].error).toBe('batch-bad: empty file (0 bytes), so no headline');
    expect(await findArticle(app.strapi, 'batch.one', 'published')).not.toBeNull();
    expect(await latestRun()).toMatchObject({ trigger: 'api', actor: 'wire-bridge' });
  });

  it('dryRun reports and writes nothing, not even a run', async () => {
    const before = await stateOfTheStore();
    const answer = await pushText(app.baseUrl, tokens.push, 'dry-pushed', syntheticCapture({ title: 'Only a dry run' }), 'dryRun=true');
    expect(answer.body).toMatchObject({ runId: null, dryRun: true, counts: { created: 1 } });
    expect(await stateOfTheStore()).toEqual(before);
  });

  it('a pushed capture and a file with the same external id are the same article', async () => {
    const dir = makeCaptureDir({ 'shared-id.txt': syntheticCapture({ title: 'Shared by a folder and a push' }) });
    expect((await runImport(app.strapi, dir)).items[0].outcome).toBe('created');
    const pushed = await pushText(app.baseUrl, tokens.push, 'shared-id', syntheticCapture({ title: 'Shared by a folder and a push', standfirst: 'Pushed later, with a new standfirst.' }));
    expect(pushed.body.items[0].outcome).toBe('updated');
    expect(await app.strapi.db.query(ARTICLE).count({ where: { externalId: 'shared-id', publishedAt: null } })).toBe(1);
  });
});

describe('POST /api/ingest/captures: bad requests change nothing', () => {
  const good = syntheticCapture({ title: 'A good capture in a bad request' });
  const cases: Array<[string, () => ReturnType<typeof push>, number, RegExp]> = [
    ['no externalId', () => push(app.baseUrl, { token: tokens.push, contentType: 'text/plain', body: good }), 400, /externalId is required/],
    ['a bad externalId', () => pushText(app.baseUrl, tokens.push, '../etc/passwd', good), 400, /"\.\.\/etc\/passwd" is not a valid external id/],
    ['a too long externalId', () => pushText(app.baseUrl, tokens.push, 'x'.repeat(129), good), 400, /is not a valid external id/],
    ['a bad flag', () => pushText(app.baseUrl, tokens.push, 'bad-flag', good, 'publish=yes'), 400, /publish must be true or false/],
    ['an unknown query parameter', () => pushText(app.baseUrl, tokens.push, 'unknown', good, 'dir=/etc'), 400, /unknown query parameter: "dir"/],
    ['malformed JSON', () => push(app.baseUrl, { token: tokens.push, contentType: 'application/json', body: '{"captures": [' }), 400, /not valid JSON/],
    ['a batch without captures', () => pushBatch(app.baseUrl, tokens.push, { publish: true }), 400, /captures is required/],
    ['an empty batch', () => pushBatch(app.baseUrl, tokens.push, { captures: [] }), 400, /captures is empty/],
    ['a capture without text', () => pushBatch(app.baseUrl, tokens.push, { captures: [{ externalId: 'no-text' }] }), 400, /captures\[0\]\.text is required/],
    ['a bad id in a batch', () => pushBatch(app.baseUrl, tokens.push, { captures: [{ externalId: 'ok', text: good }, { externalId: 'a b', text: good }] }), 400, /captures\[1\]\.externalId "a b" is not a valid external id/],
    [
      'duplicate ids in a batch',
      () => pushBatch(app.baseUrl, tokens.push, { captures: [{ externalId: 'twice', text: good }, { externalId: 'twice', text: good }] }),
      400,
      /captures\[1\]\.externalId "twice" is also captures\[0\]'s/,
    ],
    ['a flag that is not a boolean', () => pushBatch(app.baseUrl, tokens.push, { captures: [{ externalId: 'ok', text: good }], force: 'true' }), 400, /force must be true or false/],
    ['flags in a batch\'s query', () => push(app.baseUrl, { token: tokens.push, contentType: 'application/json', body: JSON.stringify({ captures: [{ externalId: 'q', text: good }] }), query: 'publish=true' }), 400, /flags in the body/],
    [
      '1,001 captures',
      () => pushBatch(app.baseUrl, tokens.push, { captures: Array.from({ length: 1001 }, (_, index) => ({ externalId: `many-${index}`, text: 'x' })) }),
      413,
      /1001 captures: a push holds at most 1000 captures and 20 MB/,
    ],
    ['a body over 20 MB', () => pushText(app.baseUrl, tokens.push, 'huge', Buffer.alloc(20 * 1024 * 1024 + 1, 'a')), 413, /the body is 20971521 bytes/],
    ['another content type', () => push(app.baseUrl, { token: tokens.push, contentType: 'application/xml', body: '<capture/>' }), 415, /Content-Type must be text\/plain .* not "application\/xml"/],
    // A byte body: fetch gives a string body a text/plain type of its own.
    ['no content type', () => push(app.baseUrl, { token: tokens.push, contentType: null, body: Buffer.from(good), query: 'externalId=no-type' }), 415, /not "none"/],
    ['a compressed body', () => push(app.baseUrl, { token: tokens.push, contentType: 'text/plain', body: good, query: 'externalId=gz', headers: { 'content-encoding': 'gzip' } }), 415, /Content-Encoding "gzip"/],
  ];

  it.each(cases)('%s', async (_name, send, status, message) => {
    const before = await stateOfTheStore();
    const answer = await send();
    expect(answer.status).toBe(status);
    expect(answer.body.error.message).toMatch(message);
    expect(answer.body.data).toBeNull();
    expect(await stateOfTheStore()).toEqual(before);
  });

  it('refuses a chunked body as soon as it passes 20 MB, without reading the rest', async () => {
    const before = await stateOfTheStore();
    const answer = await pushEndless(app.baseUrl, tokens.push, Buffer.alloc(256 * 1024, 'a'), 200 * 1024 * 1024);
    expect([413, -1]).toContain(answer.status);
    expect(answer.sent).toBeLessThan(200 * 1024 * 1024);
    expect(await stateOfTheStore()).toEqual(before);
  });
});

describe('POST /api/ingest/captures: one import at a time', () => {
  it('waits for a folder import holding the lock: no duplicate, no interleaving', async () => {
    const files: Record<string, string> = {};
    for (let index = 0; index < 40; index += 1) files[`folder-${String(index).padStart(2, '0')}.txt`] = syntheticCapture({ title: `Folder story number ${index}` });
    files['raced.txt'] = syntheticCapture({ title: 'Raced by a folder and a push' });
    const dir = makeCaptureDir(files);

    let pushed: Promise<Awaited<ReturnType<typeof pushText>>> | null = null;
    const folder = await runImport(app.strapi, dir, {
      onProgress: ({ done }) => {
        // The folder run holds the lock now: the push must wait for it.
        if (done === 1) pushed = pushText(app.baseUrl, tokens.push, 'raced', files['raced.txt']);
      },
    });
    const answer = await pushed!;
    expect(folder.counts.created).toBe(41);
    expect(answer.status).toBe(200);
    expect(answer.body.items[0]).toMatchObject({ externalId: 'raced', outcome: 'unchanged' });
    // The push's run began (took the lock) only once the folder's had ended.
    const runOf = (documentId: string) => app.strapi.db.query(RUN).findOne({ where: { documentId } });
    const [folderRun, pushRun] = [await runOf(folder.runId!), await runOf(answer.body.runId)];
    expect(new Date(pushRun.startedAt).getTime()).toBeGreaterThanOrEqual(new Date(folderRun.finishedAt).getTime());
    expect(await app.strapi.db.query(ARTICLE).count({ where: { externalId: 'raced' } })).toBe(1);
  });

  it('answers 503 with Retry-After when the lock stays held past INGEST_LOCK_WAIT_MS, writing nothing', async () => {
    const config = app.strapi.config.get('plugin::ingest') as Record<string, unknown>;
    const waitMs = config.lockWaitMs;
    app.strapi.config.set('plugin::ingest.lockWaitMs', 300);
    const lock = getService(app.strapi, 'lock');
    const held = await lock.acquire({ holder: 'test-holder', leaseMs: 30_000, waitMs: 0 });
    try {
      const before = await stateOfTheStore();
      const answer = await pushText(app.baseUrl, tokens.push, 'lock-busy', syntheticCapture({ title: 'Pushed while the lock is held' }));
      expect(answer.status).toBe(503);
      expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(answer.body.error.message).toMatch(/Another import is running \(held by test-holder/);
      expect(await stateOfTheStore()).toEqual(before);
    } finally {
      await held.release();
      app.strapi.config.set('plugin::ingest.lockWaitMs', waitMs);
    }
  });
});
