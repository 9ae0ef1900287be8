import fs from 'fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeCaptureDir, syntheticCapture, writeCapture } from '../helpers/captures';
import { allKeys, getJson, graphql } from '../helpers/http';
import { ARTICLE, findArticle, itemFor, runImport } from '../helpers/ingest';
import { adminToken, createAdminRole, createAdminUser, serveStrapi, type ServedApp } from '../helpers/server';
import type { LockService } from '../../src/plugins/ingest/server/src/services/lock';

const DECISION = 'plugin::ingest.conflict-decision';
const FERRY = 'Harbour ferry line adds night crossings';
const TRAM = 'Tram line extension opens to the airport';
const STANDFIRST = {
  imported: 'Ferries will run until 2 am on weekends.',
  editor: 'Edited by the night desk: ferries run late on weekends.',
  newer: 'Ferries will run until 4 am on weekends, the operator says.',
  newest: 'Ferries will now run all night on weekends.',
  later: 'Night ferries start in June.',
};

const ferry = (standfirst: string) => syntheticCapture({ title: FERRY, standfirst });
const tram = (body: string[]) => syntheticCapture({ title: TRAM, date: '2025-05-02', body });

let app: ServedApp;
let dir: string;
const ids: Record<'ferry' | 'tram', string> = { ferry: '', tram: '' };
const tokens: Record<'chief' | 'reader' | 'editor' | 'standfirstOnly', string> = { chief: '', reader: '', editor: '', standfirstOnly: '' };

const call = async (method: 'GET' | 'POST', path: string, token?: string, body?: unknown) => {
  const response = await fetch(`${app.url}${path}`, {
    method,
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  return { status: response.status, body: (await response.json().catch(() => null)) as any };
};

const panel = (documentId: string, token = tokens.chief) => call('GET', `/ingest/articles/${documentId}/import`, token);
const settle = (documentId: string, field: string, action: unknown, token = tokens.chief) =>
  call('POST', `/ingest/articles/${documentId}/conflicts/${field}`, token, { action });

const reimport = () => runImport(app.strapi, dir);

beforeAll(async () => {
  dir = makeCaptureDir({ 'ferry.txt': ferry(STANDFIRST.imported), 'nested/tram.txt': tram(['The tram runs every ten minutes.', 'Tickets cost two euros.']) });
  app = await serveStrapi();
  const { strapi } = app;
  expect((await reimport()).counts.created).toBe(2);
  ids.ferry = (await findArticle(strapi, 'ferry'))!.documentId;
  ids.tram = (await findArticle(strapi, 'tram'))!.documentId;

  // Editors change the ferry's standfirst and the tram's body, as a save in the Content Manager does.
  await strapi.documents(ARTICLE).update({ documentId: ids.ferry, data: { standfirst: STANDFIRST.editor } } as never);
  await strapi.documents(ARTICLE).update({
    documentId: ids.tram,
    data: { body: [{ type: 'paragraph', children: [{ type: 'text', text: 'The tram runs every five minutes, says the desk.' }] }] },
  } as never);
  // Then the captures change those fields too.
  writeCapture(dir, 'ferry.txt', ferry(STANDFIRST.newer));
  writeCapture(dir, 'nested/tram.txt', tram(['The tram runs every eight minutes.', 'What it costs', 'Tickets cost three euros.']));

  const readerRole = await createAdminRole(strapi, 'Ingest reader', ['plugin::ingest.runs.read']);
  // Reads import runs and may save only the standfirst of articles.
  const standfirstRole = await strapi.service('admin::role').create({ name: 'Standfirst editor', description: 'test' });
  await strapi.service('admin::role').assignPermissions(standfirstRole.id, [
    { action: 'plugin::ingest.runs.read', subject: null, properties: {}, conditions: [] },
    { action: 'plugin::content-manager.explorer.read', subject: ARTICLE, properties: { fields: ['title', 'standfirst'] }, conditions: [] },
    { action: 'plugin::content-manager.explorer.update', subject: ARTICLE, properties: { fields: ['standfirst'] }, conditions: [] },
  ]);
  const accounts = {
    chief: await createAdminUser(strapi, { email: 'chief@example.com', roles: ['strapi-super-admin'] }),
    reader: await createAdminUser(strapi, { email: 'reader@example.com', roles: [readerRole] }),
    editor: await createAdminUser(strapi, { email: 'editor@example.com', roles: ['strapi-editor'] }),
    standfirstOnly: await createAdminUser(strapi, { email: 'standfirst@example.com', roles: [standfirstRole.id] }),
  };
  for (const name of Object.keys(accounts) as Array<keyof typeof accounts>) tokens[name] = await adminToken(app.url, accounts[name]);
});

afterAll(async () => {
  await app?.destroy();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('a re-import with conflicts', () => {
  let runId: string;

  it("keeps the editors' values and reports the conflicts", async () => {
    const report = await reimport();
    runId = report.runId!;
    expect(itemFor(report, 'ferry')).toMatchObject({ outcome: 'unchanged', conflicts: ['standfirst'] });
    expect(itemFor(report, 'tram')).toMatchObject({ outcome: 'unchanged', conflicts: ['body'] });
    expect((await findArticle(app.strapi, 'ferry'))!.standfirst).toBe(STANDFIRST.editor);
  });

  it("shows the article's import and both values of each conflict, rich text as text", async () => {
    const { status, body } = await panel(ids.ferry);
    expect(status).toBe(200);
    expect(body.meta).toEqual({ canSettle: true });
    expect(body.data).toMatchObject({
      imported: true,
      externalId: 'ferry',
      origin: { kind: 'file', file: 'ferry.txt' },
      lastImport: { runId, trigger: 'cli', outcome: 'unchanged', conflicts: ['standfirst'], warnings: [] },
      conflicts: [{ field: 'standfirst', label: 'Standfirst', mine: STANDFIRST.editor, theirs: STANDFIRST.newer }],
      decisions: [],
    });

    const tram = (await panel(ids.tram)).body.data;
    expect(tram.origin).toEqual({ kind: 'file', file: 'nested/tram.txt' });
    expect(tram.conflicts).toEqual([
      {
        field: 'body',
        label: 'Body',
        mine: 'The tram runs every five minutes, says the desk.',
        theirs: 'The tram runs every eight minutes.\n\n## What it costs\n\nTickets cost three euros.',
      },
    ]);
  });

  it('lists the articles with open conflicts', async () => {
    const { status, body } = await call('GET', '/ingest/conflicts', tokens.reader);
    expect(status).toBe(200);
    expect(body).toEqual({
      data: [
        { documentId: ids.ferry, externalId: 'ferry', title: FERRY, fields: [{ field: 'standfirst', label: 'Standfirst' }] },
        { documentId: ids.tram, externalId: 'tram', title: TRAM, fields: [{ field: 'body', label: 'Body' }] },
      ],
      meta: { total: 2 },
    });
  });

  it('says so for an article the import did not create', async () => {
    const made = await app.strapi.documents(ARTICLE).create({ data: { title: 'Written by hand', slug: 'written-by-hand', externalId: 'by-hand' } } as never);
    expect((await panel(made.documentId)).body).toEqual({ data: { imported: false, documentId: made.documentId }, meta: { canSettle: false } });
    expect((await settle(made.documentId, 'standfirst', 'keep')).status).toBe(404);
  });
});

describe("the capture's values stay private", () => {
  it('are in no REST or GraphQL answer, published or not', async () => {
    await app.strapi.documents(ARTICLE).publish({ documentId: ids.ferry } as never);
    const rest = await getJson(app.url, `/api/articles?populate=*`);
    expect(rest.status).toBe(200);
    expect(rest.body.data.map((article: { externalId: string }) => article.externalId)).toEqual(['ferry']);
    const one = await getJson(app.url, `/api/articles/${ids.ferry}`);
    expect(one.status).toBe(200);
    const gql = await graphql(app.url, `{ articles { documentId title standfirst body } }`);
    expect(gql.status).toBe(200);
    expect(gql.body.data.articles).toHaveLength(1);
    for (const answer of [rest, one, gql]) {
      expect(answer.text).not.toContain(STANDFIRST.newer);
      expect([...allKeys(answer.body)]).not.toEqual(expect.arrayContaining(['importState']));
      for (const key of ['importState', 'importStamp', 'captured', 'kept']) expect(allKeys(answer.body).has(key)).toBe(false);
    }
    const schema = await graphql(app.url, `{ __schema { types { name } } }`);
    expect(schema.text).not.toMatch(/ConflictDecision/i);
    expect((await getJson(app.url, '/api/conflict-decisions')).status).toBe(404);
  });
});

describe('who may read and settle conflicts', () => {
  it('answers 401 without a token', async () => {
    expect((await call('GET', '/ingest/conflicts')).status).toBe(401);
    expect((await panel(ids.ferry, '')).status).toBe(401);
    expect((await settle(ids.ferry, 'standfirst', 'keep', '')).status).toBe(401);
  });

  it('answers 403 to an editor without Read import runs, even with the Content Manager permissions', async () => {
    expect((await call('GET', '/ingest/conflicts', tokens.editor)).status).toBe(403);
    expect((await panel(ids.ferry, tokens.editor)).status).toBe(403);
    expect((await settle(ids.ferry, 'standfirst', 'take', tokens.editor)).status).toBe(403);
  });

  it('lets a reader without the update permission see the panel, but not settle', async () => {
    const { status, body } = await panel(ids.ferry, tokens.reader);
    expect(status).toBe(200);
    expect(body.meta.canSettle).toBe(false);
    expect((await settle(ids.ferry, 'standfirst', 'take', tokens.reader)).status).toBe(403);
  });

  it('follows field-level rules: a role that may save the standfirst only cannot settle the body', async () => {
    expect((await settle(ids.tram, 'body', 'take', tokens.standfirstOnly)).status).toBe(403);
    expect((await findArticle(app.strapi, 'tram'))!.body[0].children[0].text).toBe('The tram runs every five minutes, says the desk.');
    expect(await app.strapi.db.query(DECISION).count()).toBe(0);
  });
});

describe('bad requests', () => {
  it('answers 404 for an unknown article and for a field with no open conflict', async () => {
    expect((await panel('nosucharticle')).status).toBe(404);
    expect((await settle('nosucharticle', 'standfirst', 'take')).status).toBe(404);
    const noConflict = await settle(ids.ferry, 'title', 'take');
    expect(noConflict.status).toBe(404);
    expect(noConflict.body.error.message).toMatch(/No open conflict on title/);
  });

  it('answers 400 for a field the import does not write, or an action it does not know', async () => {
    const field = await settle(ids.ferry, 'importState', 'take');
    expect(field.status).toBe(400);
    expect(field.body.error.message).toMatch(/importState is not a field the import writes/);
    expect((await settle(ids.ferry, 'standfirst', 'overwrite')).status).toBe(400);
    expect((await call('POST', `/ingest/articles/${ids.ferry}/conflicts/standfirst`, tokens.chief, { action: 'keep', force: true })).status).toBe(400);
    expect(await app.strapi.db.query(DECISION).count()).toBe(0);
  });

  it('answers 409 while an import holds the lock, and changes nothing', async () => {
    const lock = app.strapi.plugin('ingest').service('lock') as LockService;
    const held = await lock.acquire({ holder: 'another-server:1', leaseMs: 60_000, waitMs: 0 });
    try {
      const { status, body } = await settle(ids.ferry, 'standfirst', 'keep');
      expect(status).toBe(409);
      expect(body.error.message).toMatch(/another-server:1/);
    } finally {
      await held.release();
    }
    expect((await panel(ids.ferry)).body.data.conflicts).toHaveLength(1);
  });
});

describe('keep mine', () => {
  it('closes the conflict without touching the draft, and records who did it', async () => {
    const before = await findArticle(app.strapi, 'ferry');
    const { status, body } = await settle(ids.ferry, 'standfirst', 'keep', tokens.standfirstOnly);
    expect(status).toBe(200);
    expect(body.data.conflicts).toEqual([]);
    expect(body.data.decisions).toEqual([{ field: 'standfirst', label: 'Standfirst', action: 'keep', userName: 'standfirst Test', decidedAt: expect.any(String) }]);
    const after = await findArticle(app.strapi, 'ferry');
    expect(after!.standfirst).toBe(STANDFIRST.editor);
    expect(after!.updatedAt).toEqual(before!.updatedAt);
    const list = (await call('GET', '/ingest/conflicts', tokens.chief)).body;
    expect(list.data.map((article: { externalId: string }) => article.externalId)).toEqual(['tram']);
  });

  it('is not reported by the next import of the same capture', async () => {
    const report = await reimport();
    expect(itemFor(report, 'ferry')).toMatchObject({ outcome: 'unchanged', conflicts: [] });
    expect((await panel(ids.ferry)).body.data.conflicts).toEqual([]);
  });

  it("comes back once the capture's value changes again", async () => {
    writeCapture(dir, 'ferry.txt', ferry(STANDFIRST.newest));
    const report = await reimport();
    expect(itemFor(report, 'ferry')).toMatchObject({ outcome: 'unchanged', conflicts: ['standfirst'] });
    expect((await panel(ids.ferry)).body.data.conflicts).toEqual([
      { field: 'standfirst', label: 'Standfirst', mine: STANDFIRST.editor, theirs: STANDFIRST.newest },
    ]);
    expect((await findArticle(app.strapi, 'ferry'))!.standfirst).toBe(STANDFIRST.editor);
  });
});

describe("take the import's value", () => {
  it('writes it to the draft through the Document Service, so listeners hear of it', async () => {
    const heard: Array<{ uid: string; entry: { documentId: string } }> = [];
    const listener = async (event: { uid: string; entry: { documentId: string } }) => {
      heard.push(event);
    };
    app.strapi.eventHub.on('entry.update', listener);
    try {
      const { status, body } = await settle(ids.ferry, 'standfirst', 'take');
      expect(status).toBe(200);
      expect(body.data.conflicts).toEqual([]);
      expect(body.data.decisions.map((decision: { action: string; userName: string }) => [decision.action, decision.userName])).toEqual([
        ['take', 'chief Test'],
        ['keep', 'standfirst Test'],
      ]);
      // The Document Service announces an update once its transaction commits, not before it returns.
      await vi.waitFor(() => expect(heard.some((event) => event.uid === ARTICLE && event.entry.documentId === ids.ferry)).toBe(true), { timeout: 5_000 });
    } finally {
      app.strapi.eventHub.removeListener('entry.update', listener);
    }
    expect((await findArticle(app.strapi, 'ferry'))!.standfirst).toBe(STANDFIRST.newest);
    // The published version changes when an editor publishes, not before.
    expect((await findArticle(app.strapi, 'ferry', 'published'))!.standfirst).toBe(STANDFIRST.editor);
  });

  it('answers 404 for a conflict already settled', async () => {
    expect((await settle(ids.ferry, 'standfirst', 'take')).status).toBe(404);
  });

  it('leaves the next import of the same capture unchanged, and later captures update the field again', async () => {
    const same = await reimport();
    expect(itemFor(same, 'ferry')).toMatchObject({ outcome: 'unchanged', conflicts: [] });
    writeCapture(dir, 'ferry.txt', ferry(STANDFIRST.later));
    const later = await reimport();
    expect(itemFor(later, 'ferry')).toMatchObject({ outcome: 'updated', conflicts: [] });
    expect((await findArticle(app.strapi, 'ferry'))!.standfirst).toBe(STANDFIRST.later);
  });

  it('takes rich text as blocks', async () => {
    expect((await settle(ids.tram, 'body', 'take')).status).toBe(200);
    const tram = await findArticle(app.strapi, 'tram');
    expect(tram!.body).toEqual([
      { type: 'paragraph', children: [{ type: 'text', text: 'The tram runs every eight minutes.' }] },
      { type: 'heading', level: 2, children: [{ type: 'text', text: 'What it costs' }] },
      { type: 'paragraph', children: [{ type: 'text', text: 'Tickets cost three euros.' }] },
    ]);
    expect((await call('GET', '/ingest/conflicts', tokens.chief)).body).toEqual({ data: [], meta: { total: 0 } });
    expect(itemFor(await reimport(), 'tram')).toMatchObject({ outcome: 'unchanged', conflicts: [] });
  });
});

describe('the last import of an article left unchanged since', () => {
  const BRIDGE = 'Old swing bridge reopens to cyclists';
  const bridge = syntheticCapture({ title: BRIDGE });
  let bridgeDir: string;
  let bridgeId: string;
  let createdBy: string;

  /** Its import state as an older version wrote it, without the run's id. */
  const forgetRunId = async () => {
    const meta = app.strapi.db.metadata.get(ARTICLE);
    const column = (meta.attributes as Record<string, { columnName?: string }>).importState.columnName ?? 'import_state';
    const [row] = await app.strapi.db.connection(meta.tableName).where({ document_id: bridgeId, published_at: null }).select('id', column);
    const state = typeof row[column] === 'string' ? JSON.parse(row[column]) : row[column];
    expect(state.runId).toBe(createdBy);
    delete state.runId;
    await app.strapi.db.connection(meta.tableName).where({ id: row.id }).update({ [column]: JSON.stringify(state) });
  };

  beforeAll(async () => {
    bridgeDir = makeCaptureDir({ 'bridge.txt': bridge });
    const report = await runImport(app.strapi, bridgeDir);
    createdBy = report.runId!;
    bridgeId = itemFor(report, 'bridge').documentId!;
  });

  afterAll(() => fs.rmSync(bridgeDir, { recursive: true, force: true }));

  it('is the run that created it, however many imports found it unchanged since (they write nothing)', async () => {
    // More than the 20 recent runs an article was once looked for in: none of them lists it.
    let latest = '';
    for (let run = 0; run < 21; run += 1) {
      const report = await runImport(app.strapi, bridgeDir);
      expect(itemFor(report, 'bridge').outcome).toBe('unchanged');
      latest = report.startedAt;
    }
    const { lastImport } = (await panel(bridgeId)).body.data;
    expect(lastImport).toMatchObject({ runId: createdBy, trigger: 'cli', outcome: 'created', warnings: [], conflicts: [], laterRuns: 21, latestOutcome: null, latestError: null });
    expect(Math.abs(Date.parse(lastImport.latestRunAt) - Date.parse(latest))).toBeLessThan(1000);
  });

  it('is a run that re-checked the same content from other bytes', async () => {
    writeCapture(bridgeDir, 'bridge.txt', bridge.replace(/\n/g, '\r\n'));
    const report = await runImport(app.strapi, bridgeDir);
    expect(itemFor(report, 'bridge').outcome).toBe('unchanged');
    const { lastImport } = (await panel(bridgeId)).body.data;
    expect(lastImport).toMatchObject({ runId: report.runId, outcome: 'unchanged', laterRuns: 0, latestRunAt: null });
    createdBy = report.runId!;
  });

  it('is looked for among the recent runs for a state written before runs were named', async () => {
    writeCapture(bridgeDir, 'bridge.txt', syntheticCapture({ title: BRIDGE, standfirst: 'Cyclists only, for now.' }));
    const report = await runImport(app.strapi, bridgeDir);
    expect(itemFor(report, 'bridge').outcome).toBe('updated');
    createdBy = report.runId!;
    await forgetRunId();
    await runImport(app.strapi, bridgeDir);
    expect((await panel(bridgeId)).body.data.lastImport).toMatchObject({ runId: createdBy, outcome: 'updated', laterRuns: 1 });
  });

  it('says why, when the latest import since could not import the capture', async () => {
    const before = (await panel(bridgeId)).body.data.lastImport as { runId: string; laterRuns: number };
    writeCapture(bridgeDir, 'bridge.txt', 'A capture cut short: no headline, no body.\n');
    const failed = itemFor(await runImport(app.strapi, bridgeDir), 'bridge');
    expect(failed.outcome).toBe('failed');
    const { lastImport } = (await panel(bridgeId)).body.data;
    expect(lastImport).toMatchObject({ runId: before.runId, laterRuns: before.laterRuns + 1, latestOutcome: 'failed', latestError: failed.error });
    expect(lastImport.latestError).toContain('bridge.txt');

    // Mended, and found unchanged by the next import: nothing to say about the latest any more.
    writeCapture(bridgeDir, 'bridge.txt', syntheticCapture({ title: BRIDGE, standfirst: 'Cyclists only, for now.' }));
    expect(itemFor(await runImport(app.strapi, bridgeDir), 'bridge').outcome).toBe('unchanged');
    expect((await panel(bridgeId)).body.data.lastImport).toMatchObject({ latestOutcome: null, latestError: null });

    // A capture with a warning, then a run that finds it unchanged and lists it for that warning: nothing to say either.
    writeCapture(bridgeDir, 'bridge.txt', syntheticCapture({ title: BRIDGE, standfirst: 'Cyclists only, for now.', date: '2025-06-02' }));
    await runImport(app.strapi, bridgeDir);
    const quiet = itemFor(await runImport(app.strapi, bridgeDir), 'bridge');
    expect(quiet).toMatchObject({ outcome: 'unchanged', warnings: [expect.stringMatching(/disagrees with the dateline/)] });
    expect((await panel(bridgeId)).body.data.lastImport).toMatchObject({ laterRuns: 1, latestOutcome: null, latestError: null });
  });
});
