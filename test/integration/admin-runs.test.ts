import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { syntheticCapture, writeCapture } from '../helpers/captures';
import { ARTICLE } from '../helpers/ingest';
import { countRows } from '../helpers/rows';
import { adminToken, copySeeds, createAdminRole, createAdminUser, serveStrapi, type ServedApp } from '../helpers/server';
import { getService } from '../../src/plugins/ingest/server/src/utils';

const IMPORT_RUN = 'plugin::ingest.import-run';

let app: ServedApp;
const tokens: Record<'superAdmin' | 'reader' | 'editor', string> = { superAdmin: '', reader: '', editor: '' };

const call = async (method: 'GET' | 'POST', path: string, token?: string, body?: unknown) => {
  const response = await fetch(`${app.url}${path}`, {
    method,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  return { status: response.status, body: (await response.json().catch(() => null)) as any };
};

const waitForRun = async (runId: string) => {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { body } = await call('GET', `/ingest/runs/${runId}`, tokens.superAdmin);
    if (body.data.status !== 'running') return body.data;
    if (Date.now() > deadline) throw new Error(`run ${runId} still running`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
};

beforeAll(async () => {
  app = await serveStrapi({ env: { INGEST_DIR: copySeeds() } });
  const { strapi } = app;
  const readerRole = await createAdminRole(strapi, 'Ingest reader', ['plugin::ingest.runs.read']);
  const accounts = {
    superAdmin: await createAdminUser(strapi, { email: 'chief@example.com', roles: ['strapi-super-admin'] }),
    reader: await createAdminUser(strapi, { email: 'reader@example.com', roles: [readerRole] }),
    editor: await createAdminUser(strapi, { email: 'editor@example.com', roles: ['strapi-editor'] }),
  };
  for (const name of Object.keys(accounts) as Array<keyof typeof accounts>) {
    tokens[name] = await adminToken(app.url, accounts[name]);
  }
});

afterAll(async () => {
  await app?.destroy();
});

describe('admin permissions', () => {
  it('registers the read and trigger actions, granted to Super Admins', async () => {
    const actions = app.strapi.service('admin::permission').actionProvider.values().map((action: { actionId: string }) => action.actionId);
    expect(actions).toEqual(expect.arrayContaining(['plugin::ingest.runs.read', 'plugin::ingest.runs.trigger']));
    const superAdmin = await app.strapi.service('admin::role').getSuperAdmin();
    const granted = await app.strapi.db.query('admin::permission').findMany({ where: { role: superAdmin.id, action: { $startsWith: 'plugin::ingest.' } } });
    expect(granted.map((permission: { action: string }) => permission.action).sort()).toEqual(['plugin::ingest.runs.read', 'plugin::ingest.runs.trigger']);
  });

  it('answers 401 without a token', async () => {
    expect((await call('GET', '/ingest/runs')).status).toBe(401);
    expect((await call('POST', '/ingest/runs', undefined, { dryRun: true })).status).toBe(401);
  });

  it('answers 403 to an admin without the permissions', async () => {
    expect((await call('GET', '/ingest/runs', tokens.editor)).status).toBe(403);
    expect((await call('POST', '/ingest/runs', tokens.editor, { dryRun: true })).status).toBe(403);
  });

  it('lets a reader list runs but not start one', async () => {
    expect((await call('GET', '/ingest/runs', tokens.reader)).status).toBe(200);
    expect((await call('POST', '/ingest/runs', tokens.reader, {})).status).toBe(403);
    expect(await countRows(app.strapi, IMPORT_RUN)).toBe(0);
  });
});

describe('starting runs', () => {
  it('refuses a body it does not understand', async () => {
    expect((await call('POST', '/ingest/runs', tokens.superAdmin, { dryRun: 'yes' })).status).toBe(400);
    expect((await call('POST', '/ingest/runs', tokens.superAdmin, { dir: '/etc' })).status).toBe(400);
  });

  it('returns a dry run report and writes nothing, not even a run record', async () => {
    const { status, body } = await call('POST', '/ingest/runs', tokens.superAdmin, { dryRun: true });
    expect(status).toBe(200);
    expect(body.data).toMatchObject({ runId: null, dryRun: true });
    expect(body.data.counts.created).toBeGreaterThan(0);
    expect(body.data.items.every((item: { outcome: string }) => item.outcome === 'created')).toBe(true);
    expect(await countRows(app.strapi, IMPORT_RUN)).toBe(0);
    expect(await countRows(app.strapi, ARTICLE)).toBe(0);
  });

  it('starts an import in the background, recorded with trigger admin', async () => {
    const { status, body } = await call('POST', '/ingest/runs', tokens.superAdmin, {});
    expect(status).toBe(202);
    const runId: string = body.data.runId;
    expect(runId).toEqual(expect.any(String));

    const run = await waitForRun(runId);
    expect(run).toMatchObject({ documentId: runId, trigger: 'admin', status: 'succeeded', dryRun: false, error: null });
    expect(run.counts.created).toBe(run.items.length);
    expect(run.items[0]).toEqual(
      expect.objectContaining({ file: expect.any(String), outcome: 'created', warnings: expect.any(Array), conflicts: [], error: null })
    );
    expect(run.progress).toBeNull();
    expect(await countRows(app.strapi, ARTICLE)).toBeGreaterThan(0);
  });

  it('drops a run’s progress before its record says it finished', async () => {
    const progress = getService(app.strapi, 'progress');
    const finish = getService(app.strapi, 'runs').finish;
    const seenAtFinish: unknown[] = [];
    vi.spyOn(getService(app.strapi, 'runs'), 'finish').mockImplementationOnce(async (runId, report) => {
      seenAtFinish.push(progress.get(runId));
      await finish(runId, report);
      seenAtFinish.push(progress.get(runId));
    });
    const { body } = await call('POST', '/ingest/runs', tokens.superAdmin, {});
    await waitForRun(body.data.runId);
    expect(seenAtFinish).toEqual([expect.objectContaining({ runId: body.data.runId }), null]);
  });

  it('lists runs newest first, without their items, with the configured folder', async () => {
    await call('POST', '/ingest/runs', tokens.superAdmin, {}).then(({ body }) => waitForRun(body.data.runId));
    const { status, body } = await call('GET', '/ingest/runs', tokens.reader);
    expect(status).toBe(200);
    expect(body.meta).toMatchObject({ pagination: { page: 1, pageSize: 20, total: 3 }, activeRunId: null, dir: process.env.INGEST_DIR });
    expect(body.data).toHaveLength(3);
    const [latest, , first] = body.data;
    expect(latest.items).toBeUndefined();
    expect(latest).toMatchObject({ trigger: 'admin', status: 'succeeded', counts: { created: 0, unchanged: first.counts.created } });
    expect(new Date(latest.startedAt).getTime()).toBeGreaterThanOrEqual(new Date(first.startedAt).getTime());
  });

  it('shows one run to a reader, and 404 for an unknown one', async () => {
    const { body } = await call('GET', '/ingest/runs', tokens.reader);
    const detail = await call('GET', `/ingest/runs/${body.data[0].documentId}`, tokens.reader);
    expect(detail.status).toBe(200);
    expect(detail.body.data.items.length).toBeGreaterThan(0);
    expect((await call('GET', '/ingest/runs/nosuchrun', tokens.reader)).status).toBe(404);
  });

  it('answers 409 with a clear message while another import holds the lock', async () => {
    const lock = getService(app.strapi, 'lock');
    const held = await lock.acquire({ holder: 'another-server:1', leaseMs: 60_000, waitMs: 0 });
    try {
      const before = await countRows(app.strapi, IMPORT_RUN);
      const { status, body } = await call('POST', '/ingest/runs', tokens.superAdmin, {});
      expect(status).toBe(409);
      expect(body.error.message).toMatch(/Another import is running.*another-server:1/);
      expect(await countRows(app.strapi, IMPORT_RUN)).toBe(before);
    } finally {
      await held.release();
    }
  });

  it('reports a running import’s progress while it goes, then clears it', async () => {
    const dir = process.env.INGEST_DIR!;
    // Enough captures that the polling below sees the run going, even on a fast machine.
    for (let index = 0; index < 600; index += 1) {
      writeCapture(dir, `progress/${String(index).padStart(3, '0')}.txt`, syntheticCapture({ title: `Progress story number ${index}` }));
    }
    const { status, body } = await call('POST', '/ingest/runs', tokens.superAdmin, {});
    expect(status).toBe(202);
    const runId: string = body.data.runId;

    const seen: Array<{ done: number; total: number }> = [];
    let listedAsActive = false;
    for (;;) {
      if (!listedAsActive) listedAsActive = (await call('GET', '/ingest/runs', tokens.reader)).body.meta.activeRunId === runId;
      const detail = await call('GET', `/ingest/runs/${runId}`, tokens.reader);
      if (detail.body.data.status !== 'running') break;
      if (detail.body.data.progress) seen.push(detail.body.data.progress);
    }
    expect(listedAsActive).toBe(true);
    expect(seen.some((progress) => progress.total > 600 && progress.done > 0)).toBe(true);
    expect(seen.every((progress) => progress.done <= progress.total)).toBe(true);

    const finished = await call('GET', `/ingest/runs/${runId}`, tokens.reader);
    expect(finished.body.data).toMatchObject({ status: 'succeeded', progress: null, counts: { created: 600 } });
    expect((await call('GET', '/ingest/runs', tokens.reader)).body.meta.activeRunId).toBeNull();
  });
});
