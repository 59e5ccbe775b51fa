import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

/** Where screenshots go (gitignored; CI keeps `test-results/` as an artifact). */
export const screenshotDir = join(import.meta.dirname, '..', '..', '..', 'test-results', 'screenshots');

/**
 * Saves a full-page PNG as `test-results/screenshots/<name>.png` and returns its path. Waits for
 * web fonts and running animations first so the picture shows the page as a person would see it.
 */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  await page.evaluate(
    () =>
      (globalThis as unknown as { document: { fonts: { ready: Promise<unknown> } } }).document.fonts.ready,
  );
  // From the top: a test that clicked further down leaves the page scrolled, which shifts the fixed
  // navigation in a full-page picture.
  await page.evaluate(() =>
    (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0),
  );
  await page.screenshot({ path, fullPage: true, animations: 'disabled' });
  return path;
}
