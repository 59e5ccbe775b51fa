import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { type RelayFixture, startRelayFixture } from '../../support/gatehouse-harness.js';
import { type ContextOptions, launchChromium, newConsoleContext } from './chromium.js';

export const adminUsername = 'admin';
export const adminPassword = 'browser-test-admin-password';

/** The console's build output; Gatehouse serves it at `/`. `npm test` builds it before Vitest runs. */
export const consoleBuildDir = join(import.meta.dirname, '..', '..', '..', 'dist', 'web');

export interface ConsoleFixture extends RelayFixture {
  browser: Browser;
  /** A fresh context (own cookies) on this Gatehouse, in the language and colour scheme asked for. */
  newContext(options?: ContextOptions): Promise<BrowserContext>;
  /** A fresh context with a page logged in through the real login page (password). */
  loggedInPage(options?: ContextOptions & { username?: string; password?: string }): Promise<Page>;
  /** A fresh context with a page signed in with the admin API token (the login page's token tab). */
  tokenPage(options?: ContextOptions): Promise<Page>;
}

/**
 * A real Gatehouse (in this process, own data dir) with a mock Anthropic account, and one headless
 * chromium for the whole test file. Call once in `beforeAll`; `close()` in `afterAll`.
 */
export async function startConsoleFixture(
  env: Record<string, string> = {},
  account: Record<string, unknown> = {},
): Promise<ConsoleFixture> {
  if (!existsSync(join(consoleBuildDir, 'index.html')))
    throw new Error(`the console is not built (${consoleBuildDir}); run \`npm run build\` first`);
  const relay = await startRelayFixture(account, { GATEHOUSE_ADMIN_PASSWORD: adminPassword, ...env });
  let browser: Browser;
  try {
    browser = await launchChromium();
  } catch (error) {
    await relay.close();
    throw error;
  }
  const newContext = (options: ContextOptions = {}) => newConsoleContext(browser, relay.gate.url, options);
  return {
    ...relay,
    browser,
    newContext,
    async loggedInPage(options = {}) {
      const context = await newContext(options);
      const page = await context.newPage();
      await logIn(page, options.username ?? adminUsername, options.password ?? adminPassword);
      return page;
    },
    async tokenPage(options = {}) {
      const context = await newContext(options);
      const page = await context.newPage();
      await logInWithToken(page, relay.gate.adminToken);
      return page;
    },
    async close() {
      await browser.close();
      await relay.close();
    },
  };
}

/** Logs in through the login page, as a person would, and waits to leave it. */
export async function logIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel(/username|用户名/i).fill(username);
  await page.getByLabel(/password|密码/i).fill(password);
  await page.getByRole('button', { name: /sign in|log in|登录/i }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** Signs in with an admin API token through the login page's token tab. */
export async function logInWithToken(page: Page, token: string): Promise<void> {
  await page.goto('/login');
  await page.getByRole('tab', { name: /api token|API 令牌/i }).click();
  await page.getByLabel(/admin api token|管理员 API 令牌/i).fill(token);
  await page.getByRole('button', { name: /sign in|登录/i }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}
