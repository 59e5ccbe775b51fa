import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContextOptions } from './support/chromium.js';
import { type ConsoleFixture, startConsoleFixture } from './support/console-fixture.js';
import { screenshot } from './support/screenshot.js';

// Every admin page this file owns, in both languages and both themes; each must render its heading
// and no page-level crash, whatever state the API it reads is in.
const pages = [
  { path: '/usage', heading: { en: 'Usage', zh: '用量' } },
  { path: '/users', heading: { en: 'Users', zh: '用户' } },
  { path: '/approvals', heading: { en: 'Approvals', zh: '审批' } },
  { path: '/settings', heading: { en: 'Settings', zh: '设置' } },
] as const;

const variants: Array<ContextOptions & { name: string }> = [
  { name: 'en-light', locale: 'en', colorScheme: 'light' },
  { name: 'zh-dark', locale: 'zh', colorScheme: 'dark' },
];

describe('admin pages: usage, users, approvals, settings', () => {
  let fixture: ConsoleFixture;
  beforeAll(async () => {
    fixture = await startConsoleFixture();
  });
  afterAll(async () => {
    await fixture?.close();
  });

  for (const variant of variants) {
    it(`render in ${variant.name}`, async () => {
      const page = await fixture.loggedInPage(variant);
      const language = variant.locale ?? 'en';
      for (const target of pages) {
        await page.goto(target.path);
        await page.getByRole('heading', { level: 1, name: target.heading[language], exact: true }).waitFor();
        await page.waitForLoadState('networkidle');
        expect(await page.getByRole('status').count()).toBe(0);
        await screenshot(page, `${target.path.slice(1)}-${variant.name}`);
      }
      await page.context().close();
    });
  }

  it('fits a phone screen without sideways scrolling', async () => {
    const page = await fixture.loggedInPage({ viewport: { width: 390, height: 844 } });
    for (const target of pages) {
      await page.goto(target.path);
      await page.getByRole('heading', { level: 1, name: target.heading.en, exact: true }).waitFor();
      await page.waitForLoadState('networkidle');
      const width = await page.evaluate(
        () =>
          (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document
            .documentElement.scrollWidth,
      );
      expect(width, target.path).toBeLessThanOrEqual(390);
      await screenshot(page, `${target.path.slice(1)}-phone`);
    }
    await page.context().close();
  });

  it('renders the public check-key page and reports a bad key', async () => {
    const context = await fixture.newContext();
    const page = await context.newPage();
    await page.goto('/check-key');
    await page.getByLabel('API key').fill('sk-gate-not-a-real-key');
    await page.getByRole('button', { name: 'Check' }).click();
    await page.getByRole('alert').or(page.getByTestId('not-available')).waitFor();
    await screenshot(page, 'check-key-en-light');
    await context.close();
    const zh = await fixture.newContext({ locale: 'zh', colorScheme: 'dark' });
    const zhPage = await zh.newPage();
    await zhPage.goto('/check-key');
    await zhPage.getByRole('heading', { name: '查询密钥' }).waitFor();
    await screenshot(zhPage, 'check-key-zh-dark');
    await zh.close();
  });
});
