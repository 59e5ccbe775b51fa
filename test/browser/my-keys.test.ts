import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedUser } from '../support/console-session.js';
import { sendMessage } from '../support/send-message.js';
import { type ConsoleFixture, startConsoleFixture } from './support/console-fixture.js';
import { screenshot } from './support/screenshot.js';

const omar = { username: 'omar', password: 'omar-password-1' };

// A user's own keys against the self-service API, and the public check-key page with that key: the
// key is shown once, works through Gatehouse to the mock, and its lookup shows the request and the
// budget the admin set.
describe('my keys and check my key', () => {
  let fixture: ConsoleFixture;
  let page: Page;
  let key = '';
  beforeAll(async () => {
    fixture = await startConsoleFixture();
    await seedUser(fixture.gate, omar);
    page = await fixture.loggedInPage(omar);
  });
  afterAll(async () => {
    await fixture?.close();
  });

  it('creates a key shown once with setup snippets, which works through Gatehouse', async () => {
    await page.goto('/my/keys');
    await page.getByRole('button', { name: 'New key' }).click();
    await page.getByRole('dialog').getByLabel('Name').fill('Laptop');
    await page.getByRole('dialog').getByRole('button', { name: 'Create' }).click();
    key = (await page.getByTestId('new-key').textContent()) ?? '';
    expect(key).toMatch(/^sk-gate-/);
    // The shared setup snippets carry this origin and the key.
    expect(await page.getByRole('dialog').textContent()).toContain(fixture.gate.url);
    await screenshot(page, 'my-keys-created-en-light');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /copied|Done/i })
      .click();
    const row = page.getByRole('row', { name: /Laptop/ });
    await row.waitFor();
    expect(await row.textContent()).toContain(key.slice(-4));
    expect(await row.textContent()).not.toContain(key);

    expect(await sendMessage(fixture.gate, key)).toBe(200);
    await screenshot(page, 'my-keys-en-light');
  });

  it('shows the request on the user’s own usage page and dashboard', async () => {
    await page.goto('/my/usage');
    const totals = page.getByTestId('usage-totals');
    await totals.waitFor();
    expect(await totals.textContent()).toMatch(/^Requests\s*1\D/);
    await page.getByLabel('Group by').selectOption('key');
    await page.getByRole('row', { name: /Laptop/ }).waitFor();
    await screenshot(page, 'my-usage-data-en-light');
    await page.goto('/my');
    await page.getByText('Last 7 days').first().waitFor();
    await screenshot(page, 'my-dashboard-data-en-light');
  });

  it('shows the key on the public check page: its request today and the budget an admin set', async () => {
    const { body } = await fixture.gate.admin<{ keys: Array<{ id: string; name: string }> }>(
      'GET',
      '/admin/api/keys',
    );
    const laptop = body.keys.find((candidate) => candidate.name === 'Laptop');
    const patched = await fixture.gate.admin('PATCH', `/admin/api/keys/${laptop?.id}`, {
      dailyTokenLimit: 100_000,
      rpmLimit: 60,
    });
    expect(patched.status).toBe(200);

    const context = await fixture.newContext();
    const visitor = await context.newPage();
    await visitor.goto('/check-key');
    await visitor.getByLabel('API key').fill(key);
    await visitor.getByRole('button', { name: 'Check' }).click();
    const report = visitor.getByTestId('key-report');
    await report.waitFor();
    await report.getByText('Laptop').waitFor();
    await report.getByText('Active').waitFor();
    expect(await report.getByRole('region', { name: 'Today' }).textContent()).toMatch(/Requests\s*1\D/);
    await report.getByText('Tokens today').waitFor();
    await report.getByText('At most 60 requests a minute').waitFor();
    // The key never lands in the address bar.
    expect(visitor.url()).not.toContain(key);
    await screenshot(visitor, 'check-key-valid-en-light');
    await context.close();

    const zh = await fixture.newContext({ locale: 'zh', colorScheme: 'dark' });
    const zhPage = await zh.newPage();
    await zhPage.goto('/check-key');
    await zhPage.getByLabel('API 密钥').fill(key);
    await zhPage.getByRole('button', { name: '查询' }).click();
    await zhPage.getByTestId('key-report').getByText('今日 Token').waitFor();
    await screenshot(zhPage, 'check-key-valid-zh-dark');
    await zh.close();
  });
});
