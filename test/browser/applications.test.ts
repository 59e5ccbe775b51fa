import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedUser } from '../support/console-session.js';
import { type ConsoleFixture, startConsoleFixture } from './support/console-fixture.js';
import { screenshot } from './support/screenshot.js';

const lena = { username: 'lena', password: 'lena-password-1' };

// The whole applications loop in two browsers: a user applies on their page, an admin decides in the
// approvals queue, and the user's policy (and what their pages show) changes at once.
describe('applications', () => {
  let fixture: ConsoleFixture;
  let user: Page;
  let admin: Page;
  let lenaId: string;
  const adminApi = async (path: string) => {
    const answer = await fixture.gate.admin('GET', path);
    expect(answer.status).toBe(200);
    return answer.body;
  };
  beforeAll(async () => {
    fixture = await startConsoleFixture();
    lenaId = (await seedUser(fixture.gate, lena)).id;
    user = await fixture.loggedInPage(lena);
    admin = await fixture.loggedInPage();
  });
  afterAll(async () => {
    await fixture?.close();
  });

  it('a user applies for a higher monthly budget and sees it pending', async () => {
    await user.goto('/my/apply');
    await user.getByLabel('I need').selectOption('quota');
    await user.getByLabel('Limit', { exact: true }).selectOption('monthlyCostLimit');
    await user.getByLabel('New value').fill('50');
    await user
      .getByLabel('Reason', { exact: true })
      .fill('Evaluating Claude for the support team this month.');
    await user.getByRole('button', { name: 'Submit application' }).click();
    await user.getByText('Application submitted').waitFor();
    const row = user.getByRole('row', { name: /Cost \/ month: \$50/ });
    await row.getByText('Pending').waitFor();
  });

  it('an admin approves it with a comment, and the user policy changes at once', async () => {
    await admin.goto('/approvals');
    const row = admin.getByRole('row', { name: /lena/ });
    await row.getByText('Cost / month: $50.00').waitFor();
    await screenshot(admin, 'approvals-pending-en-light');
    await row.getByRole('button', { name: 'Approve' }).click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByLabel('Comment').fill('Approved for the pilot.');
    await dialog.getByRole('button', { name: 'Approve' }).click();
    await admin.getByText('Application approved').waitFor();
    await admin.getByText('No applications are waiting for a decision.').waitFor();

    const limits = (await adminApi(`/admin/api/users/${lenaId}/limits`)) as Record<string, unknown>;
    expect(limits.monthlyCostLimit).toBe(50);
  });

  it('the user sees the decision and the new budget', async () => {
    await user.reload();
    const row = user.getByRole('row', { name: /Cost \/ month: \$50/ });
    await row.getByText('Approved', { exact: true }).waitFor();
    await row.getByText('Approved for the pilot.').waitFor();
    await screenshot(user, 'apply-decided-en-light');

    await user.goto('/my');
    await user.getByText('Spend this month').waitFor();
    await user.getByText('$50.00 left').waitFor();
    await user.getByText('Cost / month').waitFor();
    await screenshot(user, 'my-dashboard-budget-en-light');
  });

  it('a model-access application is rejected, with the reason shown to the user', async () => {
    await user.goto('/my/apply');
    await user.getByLabel('Models').fill('claude-opus-*');
    await user.getByLabel('Reason', { exact: true }).fill('Long documents.');
    await user.getByRole('button', { name: 'Submit application' }).click();
    await user.getByText('Application submitted').waitFor();

    await admin.goto('/approvals');
    const row = admin.getByRole('row', { name: /claude-opus/ });
    await row.getByRole('button', { name: 'Reject' }).click();
    await admin.getByRole('dialog').getByLabel('Comment').fill('Use Sonnet for now.');
    await admin.getByRole('dialog').getByRole('button', { name: 'Reject' }).click();
    await admin.getByText('Application rejected').waitFor();

    await user.reload();
    const mine = user.getByRole('row', { name: /claude-opus/ });
    await mine.getByText('Rejected', { exact: true }).waitFor();
    await mine.getByText('Use Sonnet for now.').waitFor();
  });

  it('shows the approvals history in Chinese and dark mode', async () => {
    const zh = await fixture.loggedInPage({ locale: 'zh', colorScheme: 'dark' });
    await zh.goto('/approvals');
    await zh.getByRole('tab', { name: '全部' }).click();
    await zh.getByRole('row', { name: /lena/ }).first().waitFor();
    await screenshot(zh, 'approvals-all-zh-dark');
    await zh.context().close();
  });
});
