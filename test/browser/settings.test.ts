import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SmtpListener, startSmtpListener } from '../support/smtp-listener.js';
import { type ConsoleFixture, startConsoleFixture } from './support/console-fixture.js';
import { screenshot } from './support/screenshot.js';

// Settings against the real APIs: notification channels with a test mail that a real SMTP server
// receives, admin API tokens shown once and refused once revoked, and the audit trail of it all.
describe('settings', () => {
  let fixture: ConsoleFixture;
  let smtp: SmtpListener;
  let page: Page;
  beforeAll(async () => {
    smtp = await startSmtpListener();
    fixture = await startConsoleFixture();
    page = await fixture.loggedInPage();
  });
  afterAll(async () => {
    await fixture?.close();
    await smtp?.close();
  });

  it('overrides a model price and removes the override', async () => {
    await page.goto('/settings');
    await page.getByRole('searchbox').fill('claude-sonnet-4-5');
    await page.getByRole('button', { name: 'Override price of claude-sonnet-4-5' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Input', { exact: true }).fill('4');
    await dialog.getByLabel('Output', { exact: true }).fill('20');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Price saved').waitFor();
    const row = page.getByRole('row', { name: /claude-sonnet-4-5/ }).first();
    // Only an override can be removed.
    await row.getByRole('button', { name: 'Remove the override of claude-sonnet-4-5' }).waitFor();
    expect(await row.textContent()).toContain('$4');
    const prices = (await (
      await fetch(`${fixture.gate.url}/admin/api/prices`, {
        headers: { authorization: `Bearer ${fixture.gate.adminToken}` },
      })
    ).json()) as { prices: Array<{ model: string; input: number; output: number; source: string }> };
    expect(prices.prices.find((price) => price.model === 'claude-sonnet-4-5')).toMatchObject({
      input: 4,
      output: 20,
      source: 'override',
    });
    await screenshot(page, 'settings-prices-en-light');

    await row.getByRole('button', { name: 'Remove the override of claude-sonnet-4-5' }).click();
    await page.getByText('Override removed').waitFor();
    await row.getByText('Built-in', { exact: true }).waitFor();
    expect(await row.getByRole('button', { name: /Remove/ }).count()).toBe(0);
  });

  it('saves an SMTP channel and sends a test mail that arrives', async () => {
    await page.goto('/settings?section=notifications');
    await page.getByRole('switch', { name: 'Send email' }).click();
    await page.getByLabel('SMTP host').fill(smtp.host);
    await page.getByLabel('Port', { exact: true }).fill(String(smtp.port));
    await page.getByLabel('From', { exact: true }).fill('Gatehouse <gatehouse@example.org>');
    await page.getByRole('button', { name: 'Save' }).first().click();
    await page.getByText('Notification settings saved').waitFor();

    await page.getByLabel('Send a test to').fill('ops@example.org');
    await page.getByRole('button', { name: 'Send test' }).click();
    const mail = await smtp.nextMail(0);
    expect(mail.to).toEqual(['ops@example.org']);
    expect(mail.from).toBe('gatehouse@example.org');
    const report = page.getByTestId('test-report');
    await report.getByText('Delivered').waitFor();
    expect(await report.getByText('Email').count()).toBe(1);
    await screenshot(page, 'settings-notifications-en-light');
  });

  it('creates an admin API token shown once, which works until it is revoked', async () => {
    await page.goto('/settings?section=tokens');
    await page.getByRole('button', { name: 'New token' }).click();
    await page.getByLabel('Name').fill('CI deploy');
    await page.getByRole('button', { name: 'Create' }).click();
    const token = (await page.getByTestId('new-admin-token').textContent()) ?? '';
    expect(token).toMatch(/^gha-/);
    const call = () =>
      fetch(`${fixture.gate.url}/admin/api/users`, { headers: { authorization: `Bearer ${token}` } });
    expect((await call()).status).toBe(200);
    await page.getByRole('button', { name: 'I have copied it' }).click();
    // Shown once: the list has only its preview.
    const row = page.getByRole('row', { name: /CI deploy/ });
    await row.waitFor();
    expect(await row.textContent()).not.toContain(token);
    expect(await row.textContent()).toContain(token.slice(-4));
    await screenshot(page, 'settings-tokens-en-light');

    await row.getByRole('button', { name: 'Revoke CI deploy' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click();
    await page.getByText('Token revoked').waitFor();
    expect((await call()).status).toBe(401);
  });

  it('lists those changes in the audit log, filtered by method', async () => {
    await page.goto('/settings?section=audit');
    await page.getByText('PUT /admin/api/settings/notifications').waitFor();
    await page.getByText('DELETE /admin/api/tokens/:id').waitFor();
    await page.getByLabel('Method').selectOption('DELETE');
    await expect.poll(() => page.getByText('PUT /admin/api/settings/notifications').count()).toBe(0);
    await page.getByText('DELETE /admin/api/tokens/:id').waitFor();
    await page.getByLabel('Method').selectOption('');
    await page.getByText('PUT /admin/api/settings/notifications').waitFor();
    await screenshot(page, 'settings-audit-en-light');
  });

  it('shows the same settings in Chinese and dark mode', async () => {
    const zh = await fixture.loggedInPage({ locale: 'zh', colorScheme: 'dark' });
    for (const section of ['prices', 'notifications', 'tokens', 'audit']) {
      await zh.goto(`/settings?section=${section}`);
      await zh.getByRole('heading', { level: 1, name: '设置' }).waitFor();
      await zh.waitForLoadState('networkidle');
      expect(await zh.getByRole('status').count()).toBe(0);
      await screenshot(zh, `settings-${section}-zh-dark`);
    }
    await zh.context().close();
  });
});
