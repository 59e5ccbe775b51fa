import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedUser } from '../support/console-session.js';
import { adminUsername, type ConsoleFixture, startConsoleFixture } from './support/console-fixture.js';
import { screenshot } from './support/screenshot.js';

describe('console smoke', () => {
  let fixture: ConsoleFixture;
  beforeAll(async () => {
    fixture = await startConsoleFixture();
  });
  afterAll(async () => {
    await fixture?.close();
  });

  it('serves the console at / and shows the login form to a visitor', async () => {
    const context = await fixture.newContext();
    const page = await context.newPage();
    const answer = await page.goto('/');
    expect(answer?.status()).toBe(200);
    expect(answer?.headers()['content-type']).toMatch(/^text\/html/);
    await expect.poll(() => page.url()).toMatch(/\/login/);
    await page.getByLabel(/username/i).waitFor();
    expect(await page.getByLabel(/password/i).count()).toBe(1);
    expect(await page.getByRole('button', { name: /sign in|log in/i }).count()).toBe(1);
    await screenshot(page, 'login-en-light');
    await context.close();
  });

  it('shows the login page in Chinese and dark mode', async () => {
    const context = await fixture.newContext({ locale: 'zh', colorScheme: 'dark' });
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByLabel(/用户名/).waitFor();
    await screenshot(page, 'login-zh-dark');
    await context.close();
  });

  it('signs an admin in with a password through the login page and lands on the dashboard', async () => {
    const page = await fixture.loggedInPage();
    expect(new URL(page.url()).pathname).toBe('/dashboard');
    await page.getByRole('link', { name: 'Users' }).waitFor();
    // The session is a cookie: a reload keeps the admin signed in.
    await page.reload();
    await page.getByRole('link', { name: 'Users' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/dashboard');
    await page.context().close();
  });

  it('refuses a wrong password with a visible message and stays on the login page', async () => {
    const context = await fixture.newContext();
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByLabel(/username/i).fill(adminUsername);
    await page.getByLabel(/password/i).fill('not-the-password');
    await page.getByRole('button', { name: /sign in/i }).click();
    await page.getByRole('alert').waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    await context.close();
  });

  it('signs a user in to their own pages, without the admin navigation', async () => {
    await seedUser(fixture.gate, { username: 'dana', password: 'dana-password-1' });
    const page = await fixture.loggedInPage({ username: 'dana', password: 'dana-password-1' });
    expect(new URL(page.url()).pathname).toBe('/my');
    await page.getByRole('link', { name: 'My keys' }).waitFor();
    expect(await page.getByRole('link', { name: 'Users' }).count()).toBe(0);
    await page.context().close();
  });

  it('signs an admin in with an API token through the login page', async () => {
    const page = await fixture.tokenPage();
    expect(new URL(page.url()).pathname).not.toMatch(/^\/login/);
    await page.context().close();
  });
});
