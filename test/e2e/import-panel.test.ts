import fs from 'fs';
import path from 'path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, browserSkipReason, openAdminBrowser, type AdminBrowser } from '../helpers/browser';
import { makeCaptureDir, syntheticCapture, writeCapture } from '../helpers/captures';
import { ARTICLE, findArticle, itemFor, runImport } from '../helpers/ingest';
import { createAdminUser, serveStrapi, type AdminAccount, type ServedApp } from '../helpers/server';
import { APP_DIR } from '../helpers/strapi';

/** The README's pictures of the panel and the list: refreshed with UPDATE_SCREENSHOTS=1, else kept out of the tree. */
const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS === '1' ? path.join(APP_DIR, 'docs', 'screenshots') : path.join(ARTIFACTS, 'screenshots');

const skipReason = browserSkipReason();
if (skipReason) console.warn(`[e2e] import panel skipped: ${skipReason}`);

const FERRY = 'Harbour ferry line adds night crossings';
const TRAM = 'Tram line extension opens to the airport';
const STANDFIRST = {
  imported: 'Ferries will run until 2 am on weekends.',
  editor: 'Edited in the admin panel: ferries run late on weekends.',
  capture: 'Ferries will run until 4 am on weekends, the operator says.',
};
const TRAM_BODY = {
  imported: ['The tram runs every ten minutes.', 'Tickets cost two euros.'],
  capture: ['The tram runs every eight minutes.', 'What it costs', 'Tickets cost three euros.'],
  editor: 'The tram runs every five minutes, says the desk.',
};

const ferry = (standfirst: string) => syntheticCapture({ title: FERRY, standfirst });
const tram = (body: string[]) => syntheticCapture({ title: TRAM, date: '2025-05-02', body });

let app: ServedApp;
let browser: AdminBrowser;
let page: Page;
let dir: string;
let account: AdminAccount;

const step = <T>(name: string, run: () => Promise<T>): Promise<T> => browser.step(name, run);
const admin = (route: string) => browser.admin(route);
const importPanel = (): Locator => page.locator('aside').filter({ has: page.locator('[data-testid="import-panel"]') });
const shoot = async (target: Locator | Page, name: string) => {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await target.screenshot({ path: path.join(SCREENSHOTS, name) });
};

const openArticle = async (documentId: string) => {
  await page.goto(admin(`/content-manager/collection-types/${ARTICLE}/${documentId}`));
  await page.getByLabel('Headline').waitFor();
};

describe.skipIf(skipReason !== undefined)('settling import conflicts in the article’s Import panel (Chromium)', () => {
  beforeAll(async () => {
    dir = makeCaptureDir({ 'ferry.txt': ferry(STANDFIRST.imported), 'tram.txt': tram(TRAM_BODY.imported) });
    app = await serveStrapi({ serveAdminPanel: true, env: { INGEST_DIR: dir } });
    expect((await runImport(app.strapi, dir)).counts.created).toBe(2);
    account = await createAdminUser(app.strapi, { email: 'night-desk@example.com', roles: ['strapi-super-admin'] });
    browser = await openAdminBrowser({ appUrl: app.url, name: 'import-panel', viewport: { width: 1440, height: 1100 } });
    page = browser.page;
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    await app?.destroy();
  });

  it("an editor takes the capture's newer standfirst, publishes it, and keeps their own tram body", async () => {
    const ferryId = (await findArticle(app.strapi, 'ferry'))!.documentId as string;
    const tramId = (await findArticle(app.strapi, 'tram'))!.documentId as string;

    await step('log in', () => browser.logIn(account));

    await step('see an imported article with no conflict in its Import panel', async () => {
      await openArticle(ferryId);
      await expect.poll(() => importPanel().textContent()).toContain('No open conflict');
      await expect.poll(() => importPanel().textContent()).toContain('ferry.txt');
    });

    await step('change the standfirst and save', async () => {
      await page.getByLabel('Standfirst').fill(STANDFIRST.editor);
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByText('Saved document').first().waitFor();
    });

    await step('the captures change, and are imported again', async () => {
      // The tram's body was changed by another editor meanwhile.
      await app.strapi.documents(ARTICLE).update({
        documentId: tramId,
        data: { body: [{ type: 'paragraph', children: [{ type: 'text', text: TRAM_BODY.editor }] }] },
      } as never);
      writeCapture(dir, 'ferry.txt', ferry(STANDFIRST.capture));
      writeCapture(dir, 'tram.txt', tram(TRAM_BODY.capture));
      const report = await runImport(app.strapi, dir);
      expect(itemFor(report, 'ferry')).toMatchObject({ outcome: 'unchanged', conflicts: ['standfirst'] });
      expect(itemFor(report, 'tram')).toMatchObject({ outcome: 'unchanged', conflicts: ['body'] });
      // Imported once more: unchanged, nothing written, and the panel says so.
      expect(itemFor(await runImport(app.strapi, dir), 'ferry').outcome).toBe('unchanged');
    });

    await step('see the articles with open conflicts on the Ingest page', async () => {
      await page.goto(admin('/plugins/ingest'));
      await page.getByRole('heading', { name: 'Ingest' }).waitFor();
      await expect.poll(() => page.locator('[data-testid="conflict-count"]').textContent()).toBe('2 articles with open conflicts');
      const rows = page.locator('[data-testid="conflicted-article"]');
      await expect.poll(() => rows.count()).toBe(2);
      await expect.poll(() => rows.first().textContent()).toMatch(/ferry.*Standfirst/);
      await shoot(page, 'ingest-conflicts.png');
    });

    await step('open the article from the list and see both standfirsts', async () => {
      await page.locator('[data-testid="conflicted-article"]').filter({ hasText: 'ferry' }).getByRole('link').click();
      await page.waitForURL((url) => url.pathname.endsWith(ferryId));
      const conflict = page.locator('[data-testid="import-conflict-standfirst"]');
      await expect.poll(() => conflict.locator('[data-testid="conflict-mine"]').textContent()).toBe(STANDFIRST.editor);
      await expect.poll(() => conflict.locator('[data-testid="conflict-theirs"]').textContent()).toBe(STANDFIRST.capture);
      await expect.poll(() => importPanel().textContent()).toMatch(/Last import.*unchanged/);
      await expect.poll(() => importPanel().textContent()).toMatch(/Since thenThe one import since wrote nothing to it \(latest /);
      await shoot(importPanel(), 'import-panel.png');
      await shoot(page, 'import-panel-edit-view.png');
    });

    await step("take the import's value: the form shows it", async () => {
      await page.locator('[data-testid="import-conflict-standfirst"]').getByRole('button', { name: "Take the import's value" }).click();
      await page.getByText("The import's value is in the draft").first().waitFor();
      await expect.poll(() => page.getByLabel('Standfirst').inputValue()).toBe(STANDFIRST.capture);
      await expect.poll(() => importPanel().textContent()).toContain('No open conflict');
      await expect.poll(() => page.locator('[data-testid="import-decision"]').first().textContent()).toMatch(/night-desk Test took the import's standfirst/);
      await shoot(importPanel(), 'import-panel-settled.png');
    });

    await step('publish, and the public API shows the capture’s standfirst', async () => {
      await page.getByRole('button', { name: 'Publish' }).click();
      await page.getByText('Published document').first().waitFor();
      const response = await fetch(`${app.url}/api/articles/${ferryId}`);
      expect(response.status).toBe(200);
      expect(((await response.json()) as { data: { standfirst: string } }).data.standfirst).toBe(STANDFIRST.capture);
    });

    await step('keep my tram body: the conflict is gone from the panel', async () => {
      await openArticle(tramId);
      const conflict = page.locator('[data-testid="import-conflict-body"]');
      await expect.poll(() => conflict.locator('[data-testid="conflict-theirs"]').textContent()).toBe(
        'The tram runs every eight minutes.\n\n## What it costs\n\nTickets cost three euros.'
      );
      await shoot(importPanel(), 'import-panel-body.png');
      await conflict.getByRole('button', { name: 'Keep mine' }).click();
      await page.getByText('Your value is kept').first().waitFor();
      await expect.poll(() => importPanel().textContent()).toContain('No open conflict');
      await expect.poll(() => importPanel().textContent()).toMatch(/kept their body/);
    });

    await step('the next import of the same captures: unchanged, no conflict', async () => {
      const report = await runImport(app.strapi, dir);
      expect(itemFor(report, 'ferry')).toMatchObject({ outcome: 'unchanged', conflicts: [] });
      expect(itemFor(report, 'tram')).toMatchObject({ outcome: 'unchanged', conflicts: [] });
      expect((await findArticle(app.strapi, 'tram'))!.body[0].children[0].text).toBe(TRAM_BODY.editor);
      await page.goto(admin('/plugins/ingest'));
      await expect.poll(() => page.locator('[data-testid="conflict-count"]').textContent()).toBe('0 articles with open conflicts');
    });

    await step('a tram capture cut short: the panel says the latest import failed, and why', async () => {
      writeCapture(dir, 'tram.txt', 'Cut short by the scraper.\n');
      const failed = itemFor(await runImport(app.strapi, dir), 'tram');
      expect(failed.outcome).toBe('failed');
      await openArticle(tramId);
      const latest = importPanel().locator('[data-testid="latest-import"]');
      await expect.poll(() => latest.textContent()).toContain('failed');
      await expect.poll(() => latest.textContent()).toContain(failed.error!);
      await expect.poll(() => importPanel().textContent()).toMatch(/imports since wrote nothing to it/);
      await shoot(importPanel(), 'import-panel-latest-failed.png');
    });
  }, 300_000);
});
