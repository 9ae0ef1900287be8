import fs from 'fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSkipReason, openAdminBrowser, type AdminBrowser } from '../helpers/browser';
import { syntheticCapture } from '../helpers/captures';
import { ARTICLE, findArticle, runImport } from '../helpers/ingest';
import { PUSH_ACTION, createApiToken, pushText } from '../helpers/push';
import { copySeeds, createAdminUser, serveStrapi, type AdminAccount, type ServedApp } from '../helpers/server';

const skipReason = browserSkipReason();
if (skipReason) console.warn(`[e2e] editor workflow skipped: ${skipReason}`);

let app: ServedApp;
let browser: AdminBrowser;
let page: Page;
let account: AdminAccount;
let seedsDir: string;

const step = <T>(name: string, run: () => Promise<T>): Promise<T> => browser.step(name, run);
const admin = (route: string) => browser.admin(route);

describe.skipIf(skipReason !== undefined)('the editors’ workflow in the admin panel (Chromium)', () => {
  beforeAll(async () => {
    seedsDir = copySeeds();
    app = await serveStrapi({ serveAdminPanel: true, env: { INGEST_DIR: seedsDir } });
    const report = await runImport(app.strapi, seedsDir);
    expect(report.counts.failed).toBe(0);
    account = await createAdminUser(app.strapi, { email: 'editor-in-chief@example.com', roles: ['strapi-super-admin'] });
    browser = await openAdminBrowser({ appUrl: app.url, name: 'editor-workflow', viewport: { width: 1440, height: 1000 } });
    page = browser.page;
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    if (seedsDir) fs.rmSync(seedsDir, { recursive: true, force: true });
    await app?.destroy();
  });

  it('logs in, edits and publishes an imported draft, and the edit survives a re-import', async () => {
    const [first] = await app.strapi.documents(ARTICLE).findMany({ status: 'draft', sort: 'externalId:asc', limit: 1 } as never);
    const article = first as unknown as { documentId: string; externalId: string; title: string };
    const standfirst = `Edited in the admin panel: ${article.title.slice(0, 40)}`;

    await step('log in', () => browser.logIn(account));

    await step('see the imported drafts in the article list', async () => {
      await page.goto(admin(`/content-manager/collection-types/${ARTICLE}`));
      await expect.poll(() => page.getByRole('row').count(), { timeout: 30_000 }).toBeGreaterThan(1);
      const row = page.getByRole('row').filter({ hasText: article.title });
      await row.waitFor();
      await expect.poll(() => row.textContent()).toMatch(/Draft/i);
      // The section column shows the section's name, not its id.
      const section = (await findArticle(app.strapi, article.externalId))!.section as { name: string };
      await expect.poll(() => row.textContent()).toContain(section.name);
    });

    await step('open the article', async () => {
      await page.getByRole('row').filter({ hasText: article.title }).getByText(article.title, { exact: true }).first().click();
      await page.waitForURL((url) => url.pathname.endsWith(article.documentId));
      await page.getByLabel('Headline').waitFor();
    });

    await step('edit its standfirst and save', async () => {
      const field = page.getByLabel('Standfirst');
      await field.fill(standfirst);
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByText('Saved document').first().waitFor();
    });

    await step('publish it', async () => {
      await page.getByRole('button', { name: 'Publish' }).click();
      await page.getByText('Published document').first().waitFor();
    });

    await step('read it from the public API', async () => {
      const response = await fetch(`${app.url}/api/articles?filters[externalId][$eq]=${encodeURIComponent(article.externalId)}`);
      expect(response.status).toBe(200);
      const body = (await response.json()) as { data: Array<{ documentId: string; standfirst: string }> };
      expect(body.data).toHaveLength(1);
      expect(body.data[0]).toMatchObject({ documentId: article.documentId, standfirst });
    });

    await step('open the Ingest page and see the import runs', async () => {
      await page.getByRole('link', { name: 'Ingest' }).first().click();
      await page.waitForURL((url) => url.pathname.endsWith('/plugins/ingest'));
      await page.getByRole('heading', { name: 'Ingest' }).waitFor();
      const rows = page.locator('[data-testid="run-row"]');
      await expect.poll(() => rows.count()).toBe(1);
      await expect.poll(() => rows.first().textContent()).toMatch(/cli.*succeeded/);
    });

    await step('preview a dry run', async () => {
      await page.getByRole('button', { name: 'Dry run' }).click();
      const report = page.locator('[data-testid="dry-run-report"]');
      await report.waitFor();
      await expect.poll(() => report.textContent()).toMatch(/nothing was written/);
      await expect.poll(() => report.textContent()).toMatch(/Editor's value kept: standfirst/);
      await page.locator('[data-testid="run-row"]').first().waitFor();
      expect(await page.locator('[data-testid="run-row"]').count()).toBe(1);
    });

    await step('re-import from the Ingest page', async () => {
      await page.getByRole('button', { name: 'Import now' }).click();
      const rows = page.locator('[data-testid="run-row"]');
      await expect.poll(() => rows.count(), { timeout: 60_000 }).toBe(2);
      await expect.poll(() => rows.first().textContent(), { timeout: 60_000 }).toMatch(/admin.*succeeded/);
    });

    await step('see the editor’s standfirst kept, reported as a conflict', async () => {
      await page.locator('[data-testid="run-row"]').first().getByRole('link').click();
      await page.waitForURL((url) => /\/plugins\/ingest\/runs\/[^/]+$/.test(url.pathname));
      const item = page.locator('[data-testid="report-item"]').filter({ hasText: article.externalId });
      await expect.poll(() => item.textContent()).toMatch(/Editor's value kept: standfirst/);

      const draft = await findArticle(app.strapi, article.externalId, 'draft');
      const published = await findArticle(app.strapi, article.externalId, 'published');
      expect(draft!.standfirst).toBe(standfirst);
      expect(published!.standfirst).toBe(standfirst);
      const runs = app.strapi.plugin('ingest').service('runs');
      const [latest] = (await runs.list({ pageSize: 1 })).results as Array<{ documentId: string }>;
      const run = (await runs.get(latest.documentId)) as {
        trigger: string;
        items: Array<{ externalId: string; conflicts: string[] }>;
        counts: Record<'created' | 'updated' | 'unchanged' | 'failed' | 'duplicate' | 'conflicted', number>;
      };
      expect(run.trigger).toBe('admin');
      expect(run.items.find((entry) => entry.externalId === article.externalId)!.conflicts).toEqual(['standfirst']);
      // The record lists the files that say something; the page says how many quiet ones it leaves out.
      const quiet = Object.values(run.counts).reduce((sum, count) => sum + count, 0) - run.counts.conflicted - run.items.length;
      expect(quiet).toBeGreaterThan(0);
      await expect.poll(() => page.locator('[data-testid="items-unlisted"]').textContent()).toBe(`${quiet} files unchanged, with no warning or conflict: not listed.`);
    });

    await step('see a pushed capture’s run, named by its API token', async () => {
      const token = await createApiToken(app.strapi, 'e2e-scraper', 'custom', [PUSH_ACTION]);
      const answer = await pushText(app.url, token, 'e2e-pushed', syntheticCapture({ title: 'Pushed during the editors workflow' }));
      expect(answer.status).toBe(200);
      await page.goto(admin('/plugins/ingest'));
      const rows = page.locator('[data-testid="run-row"]');
      // A full page load of the admin panel: slower than a click on a loaded page.
      await rows.first().waitFor();
      await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(3);
      await expect.poll(() => rows.first().textContent(), { timeout: 30_000 }).toMatch(/api \(e2e-scraper\).*succeeded/);
      await rows.first().getByRole('link').click();
      const item = page.locator('[data-testid="report-item"]').filter({ hasText: 'e2e-pushed' });
      await expect.poll(() => item.textContent(), { timeout: 30_000 }).toMatch(/\(pushed\).*created/);
    });
  }, 300_000);
});
