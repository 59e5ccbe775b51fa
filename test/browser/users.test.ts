import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleFixture, startConsoleFixture } from './support/console-fixture.js';
import { screenshot } from './support/screenshot.js';

// Users and roles against the real users API: an admin creates a user, who can then sign in to their
// own pages; disabling them ends that.
describe('users', () => {
  let fixture: ConsoleFixture;
  let admin: Page;
  beforeAll(async () => {
    fixture = await startConsoleFixture();
    admin = await fixture.loggedInPage();
  });
  afterAll(async () => {
    await fixture?.close();
  });
  const adminGet = async (path: string) => {
    const answer = await fixture.gate.admin('GET', path);
    expect(answer.status).toBe(200);
    return answer.body;
  };

  it('creates a user who can then sign in', async () => {
    await admin.goto('/users');
    await admin.getByRole('button', { name: 'New user' }).click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByLabel('Username').fill('maria');
    await dialog.getByLabel('Password').fill('maria-password-1');
    await dialog.getByLabel('Display name').fill('Maria Rossi');
    await dialog.getByLabel('Email').fill('maria@example.org');
    await dialog.getByLabel('Requests / minute').fill('30');
    await dialog.getByLabel('Cost / month').fill('25.5');
    await dialog.getByLabel('Allowed models').fill('claude-sonnet-*');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await admin.getByText('User created').waitFor();
    await admin.getByRole('row', { name: /maria/ }).getByText('Maria Rossi · maria@example.org').waitFor();
    const { users } = (await adminGet('/admin/api/users')) as {
      users: Array<{ id: string; username: string }>;
    };
    const maria = users.find((u) => u.username === 'maria');
    const limits = await adminGet(`/admin/api/users/${maria?.id}/limits`);
    expect(limits).toMatchObject({
      rpmLimit: 30,
      monthlyCostLimit: 25.5,
      allowedModels: ['claude-sonnet-*'],
    });
    expect(limits).toMatchObject({ dailyTokenLimit: null, deniedModels: [] });
    await screenshot(admin, 'users-en-light');

    const user = await fixture.loggedInPage({ username: 'maria', password: 'maria-password-1' });
    expect(new URL(user.url()).pathname).toBe('/my');
    await user.context().close();
  });

  it('disables a user, who then cannot sign in', async () => {
    await admin.getByRole('button', { name: 'Edit maria' }).click();
    // The edit dialog shows the limits saved at creation.
    expect(await admin.getByRole('dialog').getByLabel('Requests / minute').inputValue()).toBe('30');
    await screenshot(admin, 'users-edit-en-light');
    await admin
      .getByRole('dialog')
      .getByRole('switch', { name: /Can sign in/ })
      .click();
    await admin.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
    await admin.getByText('User saved').waitFor();
    await admin.getByRole('row', { name: /maria/ }).getByText('Disabled').waitFor();

    const context = await fixture.newContext();
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByLabel('Username').fill('maria');
    await page.getByLabel('Password').fill('maria-password-1');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    await context.close();
  });

  it('shows the users page in Chinese and dark mode', async () => {
    const zh = await fixture.loggedInPage({ locale: 'zh', colorScheme: 'dark' });
    await zh.goto('/users');
    await zh.getByRole('row', { name: /maria/ }).waitFor();
    await screenshot(zh, 'users-zh-dark');
    await zh.context().close();
  });
});
