import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleFixture, startConsoleFixture } from './support/console-fixture.js';
import { screenshot } from './support/screenshot.js';

/**
 * The admin's day one, in a real browser against a real Gatehouse and the mock upstream: add an
 * account, create and copy a key, stream an answer in the playground, see it on the dashboard, then
 * switch the console to Chinese and dark mode.
 */
describe('admin workflow in the console', () => {
  let fixture: ConsoleFixture;
  let page: Page;
  let key = '';

  beforeAll(async () => {
    fixture = await startConsoleFixture();
    page = await fixture.tokenPage();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  });
  afterAll(async () => {
    await page?.context().close();
    await fixture?.close();
  });

  it('adds an account pointing at the mock upstream and tests its connection', async () => {
    await page.goto('/accounts');
    await page.getByRole('button', { name: 'Add account' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: /Anthropic API/ }).click();
    await dialog.getByLabel('Name', { exact: true }).fill('ui-mock');
    await dialog.getByLabel('API key').fill('mock-key');
    await dialog.getByLabel('Base URL').fill(fixture.mock.url);
    await dialog.getByLabel('Models').fill('claude-*');
    await dialog.getByRole('button', { name: 'Add account' }).click();
    const card = page.locator('[data-account="ui-mock"]');
    await card.waitFor();
    expect(await card.getByTestId('account-state').textContent()).toContain('Healthy');
    await card.getByRole('button', { name: 'Test' }).click();
    await page.getByTestId('toast-success').filter({ hasText: 'Connection works' }).waitFor();
    await screenshot(page, 'admin-accounts-en-light');
  });

  it('creates a key, shows it once with setup snippets, and copies it', async () => {
    await page.goto('/keys');
    await page.getByRole('button', { name: 'Create key' }).first().click();
    await page.getByRole('dialog').getByLabel('Name', { exact: true }).fill('browser-key');
    await page.getByRole('dialog').getByRole('button', { name: 'Create', exact: true }).click();
    const created = page.getByTestId('created-key');
    await created.waitFor();
    key = (await created.textContent()) ?? '';
    expect(key).toMatch(/^sk-gate-/);
    expect(await page.getByRole('dialog').textContent()).toContain(`ANTHROPIC_BASE_URL=${fixture.gate.url}`);
    await page.getByRole('button', { name: 'Copy key' }).click();
    await page.getByRole('dialog').getByText('Copied', { exact: true }).waitFor();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(key);
    await screenshot(page, 'admin-key-created-en-light');
    await page.getByRole('button', { name: 'I have copied it' }).click();
    await page.getByRole('row', { name: /browser-key/ }).waitFor();
    await screenshot(page, 'admin-keys-en-light');
  });

  it('streams an answer in the playground as it arrives', async () => {
    await page.goto('/playground');
    await page.getByLabel('Gatehouse key').fill(key);
    await page.getByLabel('Prompt', { exact: true }).fill('mock:long 30 mock:slow 60');
    await page.getByRole('button', { name: 'Send' }).click();
    const answer = page.getByTestId('playground-answer');
    const status = page.getByTestId('playground-status');
    await status.filter({ hasText: 'Streaming' }).waitFor();
    // Part of the answer is on screen while the stream is still running.
    await expect.poll(async () => ((await answer.textContent()) ?? '').length).toBeGreaterThan(0);
    expect(await status.textContent()).toContain('Streaming');
    await status.filter({ hasText: 'Done' }).waitFor();
    const streamed = (await answer.textContent()) ?? '';
    expect(streamed.length).toBeGreaterThan(30);
    await screenshot(page, 'admin-playground-en-light');
  });

  it('shows the usage on the dashboard', async () => {
    await page.goto('/dashboard');
    await page.getByTestId('live-feed').getByText('claude-sonnet-4-5').first().waitFor();
    const requests = page.getByText('Requests', { exact: true }).first().locator('..').locator('..');
    await expect
      .poll(async () => Number(((await requests.textContent()) ?? '').replace(/\D/g, '')))
      .toBeGreaterThan(0);
    await page.getByRole('list', { name: 'Top keys' }).getByText('browser-key').waitFor();
    await screenshot(page, 'admin-dashboard-en-light');
  });

  it('switches to Chinese and dark mode, and remembers both', async () => {
    await page.getByTestId('language-switch').first().selectOption('zh');
    await page.getByTestId('theme-toggle').first().click();
    await page.getByRole('heading', { name: '仪表盘' }).waitFor();
    expect(await page.evaluate("document.documentElement.classList.contains('dark')")).toBe(true);
    expect(await page.evaluate('document.documentElement.lang')).toBe('zh-CN');
    await page.reload();
    await page.getByRole('heading', { name: '仪表盘' }).waitFor();
    expect(await page.evaluate("document.documentElement.classList.contains('dark')")).toBe(true);
    await screenshot(page, 'admin-dashboard-zh-dark');
    for (const [path, name] of [
      ['/keys', 'admin-keys-zh-dark'],
      ['/accounts', 'admin-accounts-zh-dark'],
      ['/playground', 'admin-playground-zh-dark'],
      ['/setup', 'admin-setup-zh-dark'],
    ] as const) {
      await page.goto(path);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await screenshot(page, name);
    }
  });

  it('fits a phone: the navigation folds into a drawer', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/dashboard');
    await page.getByRole('button', { name: '打开导航' }).click();
    await page.getByRole('navigation').getByRole('link', { name: '密钥' }).waitFor();
    await screenshot(page, 'admin-nav-phone-zh-dark');
    await page.getByRole('navigation').getByRole('link', { name: '密钥' }).click();
    await page.getByRole('heading', { name: '密钥', level: 1 }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: '密钥', level: 1 }).waitFor();
    await screenshot(page, 'admin-keys-phone-zh-dark');
  });
});
