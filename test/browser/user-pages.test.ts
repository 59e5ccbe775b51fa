import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedUser } from '../support/console-session.js';
import type { ContextOptions } from './support/chromium.js';
import { type ConsoleFixture, startConsoleFixture } from './support/console-fixture.js';
import { screenshot } from './support/screenshot.js';

const user = { username: 'lena', password: 'lena-password-1' };

// A signed-in user's own pages, in both languages and both themes: each renders its heading and
// settles without a page-level failure.
const pages = [
  { path: '/my', name: 'my-dashboard', heading: { en: /Welcome/, zh: /欢迎/ } },
  { path: '/my/keys', name: 'my-keys', heading: { en: /My keys/, zh: /我的密钥/ } },
  { path: '/my/usage', name: 'my-usage', heading: { en: /My usage/, zh: /我的用量/ } },
  { path: '/my/apply', name: 'apply', heading: { en: /Apply for access/, zh: /申请/ } },
] as const;

const variants: Array<ContextOptions & { name: string; locale: 'en' | 'zh' }> = [
  { name: 'en-light', locale: 'en', colorScheme: 'light' },
  { name: 'zh-dark', locale: 'zh', colorScheme: 'dark' },
];

describe('user pages', () => {
  let fixture: ConsoleFixture;
  beforeAll(async () => {
    fixture = await startConsoleFixture();
    await seedUser(fixture.gate, user);
  });
  afterAll(async () => {
    await fixture?.close();
  });

  for (const variant of variants) {
    it(`render in ${variant.name}`, async () => {
      const page = await fixture.loggedInPage({ ...variant, ...user });
      for (const target of pages) {
        await page.goto(target.path);
        await page.getByRole('heading', { level: 1, name: target.heading[variant.locale] }).waitFor();
        await page.waitForLoadState('networkidle');
        expect(await page.getByRole('status').count()).toBe(0);
        await screenshot(page, `${target.name}-${variant.name}`);
      }
      await page.context().close();
    });
  }

  it('fits a phone screen without sideways scrolling', async () => {
    const page = await fixture.loggedInPage({ ...user, viewport: { width: 390, height: 844 } });
    for (const target of pages) {
      await page.goto(target.path);
      await page.getByRole('heading', { level: 1, name: target.heading.en }).waitFor();
      await page.waitForLoadState('networkidle');
      const width = await page.evaluate(
        () =>
          (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document
            .documentElement.scrollWidth,
      );
      expect(width, target.path).toBeLessThanOrEqual(390);
      await screenshot(page, `${target.name}-phone`);
    }
    await page.context().close();
  });
});
