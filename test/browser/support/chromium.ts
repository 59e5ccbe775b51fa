import { type Browser, type BrowserContext, chromium } from 'playwright-core';

/** Debian's chromium, installed by `.ci/run` (`apt-get install -y chromium`). */
export const chromiumPath = '/usr/bin/chromium';

// No sandbox (CI runs as root in a container), no GPU, and nothing that phones home or updates
// itself: a test run must not depend on the network beyond loopback.
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

export interface ContextOptions {
  locale?: 'en' | 'zh';
  colorScheme?: 'light' | 'dark';
  /** CSS pixels; defaults to a laptop screen. */
  viewport?: { width: number; height: number };
}

/**
 * Starts one headless chromium. Playwright gives a non-persistent launch a fresh temporary profile
 * (user-data dir) and deletes it on close. One browser per test file: starting it is the slow part;
 * contexts are cheap and share no cookies or storage.
 */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
}

/** A fresh context: its own cookies and storage, the language and colour scheme asked for. */
export async function newConsoleContext(
  browser: Browser,
  baseURL: string,
  options: ContextOptions = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL,
    locale: options.locale === 'zh' ? 'zh-CN' : 'en-US',
    colorScheme: options.colorScheme ?? 'light',
    viewport: options.viewport ?? { width: 1280, height: 800 },
    timezoneId: 'UTC',
  });
  // The console remembers language and theme in localStorage (`gatehouse.language`, `gatehouse.theme`);
  // setting them before any page script runs makes the first paint the asked-for variant.
  await context.addInitScript(
    ({ language, theme }) => {
      const storage = (globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } })
        .localStorage;
      if (language) storage.setItem('gatehouse.language', language);
      if (theme) storage.setItem('gatehouse.theme', theme);
    },
    { language: options.locale ?? null, theme: options.colorScheme ?? null },
  );
  context.setDefaultTimeout(15_000);
  return context;
}
