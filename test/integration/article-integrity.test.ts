import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCaptureDir, syntheticCapture, writeCapture } from '../helpers/captures';
import { ARTICLE, LINK, findArticle, itemFor, runImport } from '../helpers/ingest';
import { adminToken, createAdminUser } from '../helpers/server';
import { bootStrapi, type ServedTestApp } from '../helpers/strapi';

/** What a clumsy editor, or a delete, can do to the articles' identity and their links. */
let app: ServedTestApp;
let dir: string;
const ids: Record<string, string> = {};

const TITLES = { alpha: 'Alpha council meets', beta: 'Beta bridge closes', gamma: 'Gamma market opens' };

const capture = (name: keyof typeof TITLES, standfirst?: string) =>
  syntheticCapture({
    title: TITLES[name],
    standfirst,
    section: 'WORLD',
    recommended: name === 'alpha' ? [TITLES.beta] : [TITLES.alpha],
    explore: name === 'gamma' ? [TITLES.beta] : [],
  });

beforeAll(async () => {
  app = await bootStrapi({ serve: true });
  dir = makeCaptureDir({ 'alpha.txt': capture('alpha'), 'beta.txt': capture('beta'), 'gamma.txt': capture('gamma') });
  const report = await runImport(app.strapi, dir, { publish: true });
  for (const name of Object.keys(TITLES)) ids[name] = itemFor(report, name).documentId!;
});

afterAll(async () => {
  await app?.destroy();
});

describe("an article's external id", () => {
  it('cannot be set to another article\'s through the Document Service (create or update)', async () => {
    await expect(app.strapi.documents(ARTICLE).update({ documentId: ids.alpha, data: { externalId: 'beta' } } as never)).rejects.toThrow(
      'External id "beta" already belongs to the article "Beta bridge closes"; each article has its own'
    );
    await expect(
      app.strapi.documents(ARTICLE).create({ data: { title: 'Copy', slug: 'copy', externalId: 'gamma' } } as never)
    ).rejects.toThrow(/External id "gamma" already belongs/);
    expect((await findArticle(app.strapi, 'alpha'))?.documentId).toBe(ids.alpha);
  });

  it('is refused with a clear message in the Content Manager, and a new value of its own is accepted', async () => {
    const account = await createAdminUser(app.strapi, { email: 'editor-id@example.com', roles: ['strapi-super-admin'] });
    const token = await adminToken(app.baseUrl, account);
    const save = (externalId: string) =>
      fetch(`${app.baseUrl}/content-manager/collection-types/${ARTICLE}/${ids.alpha}`, {
        method: 'PUT',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ title: TITLES.alpha, externalId }),
      });

    const refused = await save('beta');
    const body = (await refused.json()) as { error: { name: string; message: string; details: { errors: Array<{ path: string[] }> } } };
    expect(refused.status).toBe(400);
    expect(body.error.name).toBe('ValidationError');
    expect(body.error.message).toBe('External id "beta" already belongs to the article "Beta bridge closes"; each article has its own');
    expect(body.error.details.errors[0].path).toEqual(['externalId']);

    expect((await save('alpha-renamed')).status).toBe(200);
    expect((await save('alpha')).status).toBe(200);
    expect((await findArticle(app.strapi, 'alpha'))?.documentId).toBe(ids.alpha);
  });

  it('is checked by the import: a draft whose stored id changed since the run began is not updated', async () => {
    writeCapture(dir, 'alpha.txt', capture('alpha', 'Alpha changed its standfirst.'));
    writeCapture(dir, 'beta.txt', capture('beta', 'Beta changed its standfirst.'));
    // After the run has read its catalog and alpha's capture, and before it writes the batch of
    // changed captures, something changes beta's stored id behind its back: at the next read of
    // the articles (the batch's drafts).
    let armed = false;
    let subscribed = true;
    const onProgress = () => {
      armed = subscribed;
    };
    const unsubscribe = app.strapi.db.lifecycles.subscribe({
      models: [ARTICLE],
      async beforeFindMany() {
        if (!armed) return;
        armed = subscribed = false;
        unsubscribe();
        await app.strapi.db.query(ARTICLE).updateMany({ where: { documentId: ids.beta, publishedAt: null }, data: { externalId: 'beta-elsewhere' } });
      },
    } as never) as unknown as () => void;
    try {
      const report = await runImport(app.strapi, dir, { onProgress });
      expect(itemFor(report, 'alpha').outcome).toBe('updated');
      const beta = itemFor(report, 'beta');
      expect(beta.outcome).toBe('failed');
      expect(beta.error).toBe(`beta.txt: could not be saved: the stored article ${ids.beta} now has external id "beta-elsewhere", not "beta"; it was not updated`);
    } finally {
      if (subscribed) unsubscribe();
      await app.strapi.db.query(ARTICLE).updateMany({ where: { documentId: ids.beta }, data: { externalId: 'beta' } });
    }
    const stored = await app.strapi.db.query(ARTICLE).findOne({ where: { documentId: ids.beta, publishedAt: null } });
    expect(stored.standfirst).not.toBe('Beta changed its standfirst.');
  });
});

describe('deleting an article', () => {
  it('deletes its related links (announced as entry.delete) and leaves links that targeted it without a target', async () => {
    const linksOfBeta = await app.strapi.db.query(LINK).findMany({ where: { article: { documentId: ids.beta } }, select: ['id', 'documentId'] });
    expect(linksOfBeta.length).toBeGreaterThan(0);
    const targeting = await app.strapi.db.query(LINK).findMany({ where: { target: { documentId: ids.beta } }, select: ['id'] });
    expect(targeting.length).toBeGreaterThanOrEqual(2);

    const deleted: string[] = [];
    const listener = async (event: { uid?: string; entry?: { documentId?: string } }) => {
      if (event.uid === LINK && event.entry?.documentId) deleted.push(event.entry.documentId);
    };
    app.strapi.eventHub.on('entry.delete', listener);
    try {
      await app.strapi.documents(ARTICLE).delete({ documentId: ids.beta } as never);
    } finally {
      app.strapi.eventHub.off('entry.delete', listener);
    }

    const ids_ = linksOfBeta.map((link: { id: number }) => link.id);
    expect(await app.strapi.db.query(LINK).count({ where: { id: { $in: ids_ } } })).toBe(0);
    expect(new Set(deleted)).toEqual(new Set(linksOfBeta.map((link: { documentId: string }) => link.documentId)));
    const formerlyTargeting = await app.strapi.db.query(LINK).findMany({ where: { id: { $in: targeting.map((link: { id: number }) => link.id) } }, populate: ['target'] });
    expect(formerlyTargeting).toHaveLength(targeting.length);
    expect(formerlyTargeting.every((link: { target: unknown }) => link.target === null)).toBe(true);
    // The other articles keep their own links.
    expect(await app.strapi.db.query(LINK).count({ where: { article: { documentId: ids.alpha } } })).toBeGreaterThan(0);
  });
});

describe('a database error during an import', () => {
  it("is reported in one line with the database's reason, not the statement or the capture's body", async () => {
    const knex = app.strapi.db.connection;
    await knex.schema.alterTable('articles', (table) => table.dropColumn('image_credit'));
    try {
      const paragraph = 'A paragraph long enough to notice in an error message. '.repeat(200);
      const report = await runImport(app.strapi, makeCaptureDir({ 'delta.txt': syntheticCapture({ title: 'Delta port reopens', body: [paragraph] }) }));
      const delta = itemFor(report, 'delta');
      expect(delta.outcome).toBe('failed');
      expect(delta.error).toMatch(/^delta\.txt: could not be saved: .*image_credit/);
      expect(delta.error!.split('\n')).toHaveLength(1);
      expect(delta.error!.length).toBeLessThan(400);
      // The statement (not a reason that names it, as MariaDB's "in 'INSERT INTO'") and the body stay out.
      expect(delta.error).not.toMatch(/insert into [`"]articles|A paragraph long enough/i);
    } finally {
      await knex.schema.alterTable('articles', (table) => table.string('image_credit'));
    }
  });
});
