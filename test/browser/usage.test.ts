import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendMessage } from '../support/send-message.js';
import { type ConsoleFixture, startConsoleFixture } from './support/console-fixture.js';
import { screenshot } from './support/screenshot.js';

const requests = 3;

// The usage explorer over real records: requests sent through Gatehouse to the mock upstream show up
// in the totals, the charts and the group table, named, and export as CSV.
describe('usage explorer', () => {
  let fixture: ConsoleFixture;
  let page: Page;
  beforeAll(async () => {
    fixture = await startConsoleFixture();
    const { key } = await fixture.gate.createKey({ name: 'Reporting bot' });
    for (let index = 0; index < requests; index += 1) expect(await sendMessage(fixture.gate, key)).toBe(200);
    page = await fixture.loggedInPage();
  });
  afterAll(async () => {
    await fixture?.close();
  });

  it('shows the requests sent through the mock, by model and by key', async () => {
    await page.goto('/usage');
    const totals = page.getByTestId('usage-totals');
    await totals.waitFor();
    expect(await totals.textContent()).toMatch(new RegExp(`^Requests\\s*${requests}\\D`));
    await page.getByRole('row', { name: /claude-sonnet-4-5/ }).waitFor();
    await page.getByRole('img', { name: 'Requests and errors' }).locator('svg').first().waitFor();
    await screenshot(page, 'usage-data-en-light');

    await page.getByLabel('Group by').selectOption('key');
    const row = page.getByRole('row', { name: /Reporting bot/ });
    await row.waitFor();
    expect(await row.textContent()).toContain(String(requests));
  });

  it('exports what it shows as CSV', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    const text = await readFile((await download.path()) as string, 'utf8');
    const lines = text.trim().split(/\r?\n/);
    expect(lines).toHaveLength(requests + 1);
    expect(lines[1]).toContain('claude-sonnet-4-5');
  });

  it('shows the same data in Chinese and dark mode', async () => {
    const zh = await fixture.loggedInPage({ locale: 'zh', colorScheme: 'dark' });
    await zh.goto('/usage');
    await zh.getByRole('row', { name: /claude-sonnet-4-5/ }).waitFor();
    await zh.getByRole('img', { name: '请求与错误' }).locator('svg').first().waitFor();
    await screenshot(zh, 'usage-data-zh-dark');
    await zh.context().close();
  });
});
