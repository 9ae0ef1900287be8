import fs from 'fs';
import os from 'os';
import path from 'path';
import { createRequire } from 'module';
import type { BrowserContext, Page } from 'playwright-core';
import { ADMIN_BUILD_INDEX, type AdminAccount } from './server';
import { APP_DIR } from './strapi';

/** The system's Chromium: browser tests never download one. */
export const CHROMIUM = '/usr/bin/chromium';
export const ARTIFACTS = path.join(APP_DIR, 'test', 'artifacts');
const appRequire = createRequire(path.join(APP_DIR, 'package.json'));

/** Why the browser tests cannot run on this machine, or undefined when they can. */
export const browserSkipReason = (): string | undefined =>
  !fs.existsSync(ADMIN_BUILD_INDEX)
    ? `no admin build at ${ADMIN_BUILD_INDEX} (run \`npm run build\`)`
    : !fs.existsSync(CHROMIUM)
      ? `no Chromium at ${CHROMIUM} (apt-get install -y chromium)`
      : undefined;

/** A headless Chromium on a served app's admin panel. */
export interface AdminBrowser {
  page: Page;
  /** The admin panel's URL of a route (`/plugins/ingest`). */
  admin(route: string): string;
  /**
   * One step of a test; when it fails, a screenshot of the page goes to test/artifacts/
   * (E2E_SCREENSHOTS=all keeps every step's picture, to look at the pages).
   */
  step<T>(name: string, run: () => Promise<T>): Promise<T>;
  logIn(account: AdminAccount): Promise<void>;
  close(): Promise<void>;
}

/** `name` prefixes the failing steps' screenshots, one test file's apart from another's. */
export const openAdminBrowser = async (options: { appUrl: string; name: string; viewport: { width: number; height: number } }): Promise<AdminBrowser> => {
  const { chromium } = appRequire('playwright-core') as typeof import('playwright-core');
  const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: options.viewport,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  } catch (error) {
    fs.rmSync(profileDir, { recursive: true, force: true });
    throw error;
  }
  context.setDefaultTimeout(30_000);
  const page = context.pages()[0] ?? (await context.newPage());
  // Strapi's guided tour greets a new admin on each page; an editor would skip it.
  await page.addLocatorHandler(page.getByRole('button', { name: 'Skip', exact: true }), (skip) => skip.click());

  let stepNumber = 0;
  const screenshot = async (name: string) => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const file = path.join(ARTIFACTS, `${options.name}-${String(stepNumber).padStart(2, '0')}-${name.replace(/[^a-z0-9]+/gi, '-')}.png`);
    await page.screenshot({ path: file, fullPage: true }).catch(() => {});
    return file;
  };
  const admin = (route: string) => `${options.appUrl}/admin${route}`;

  return {
    page,
    admin,
    async step(name, run) {
      stepNumber += 1;
      try {
        const result = await run();
        if (process.env.E2E_SCREENSHOTS === 'all') await screenshot(name);
        return result;
      } catch (error) {
        const file = await screenshot(name);
        throw new Error(`step "${name}" failed (screenshot: ${file}): ${(error as Error).message}`, { cause: error });
      }
    },
    async logIn(account) {
      await page.goto(admin('/auth/login'));
      await page.locator('input[name="email"]').fill(account.email);
      await page.locator('input[name="password"]').fill(account.password);
      await page.getByRole('button', { name: 'Login' }).click();
      await page.waitForURL((url) => !url.pathname.includes('/auth/'));
    },
    async close() {
      await context.close();
      fs.rmSync(profileDir, { recursive: true, force: true });
    },
  };
};
