import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleSession, consoleLogin, seedUser } from '../support/console-session.js';
import { type RelayFixture, type RunningGatehouse, startRelayFixture } from '../support/gatehouse-harness.js';
import { sendMessage } from '../support/send-message.js';

// biome-ignore lint/suspicious/noExplicitAny: JSON answers probed field by field
type AnyBody = Record<string, any>;

let fixture: RelayFixture;
let gate: RunningGatehouse;
let ana: ConsoleSession;
let anaKey: { id: string; key: string };
let bobKey: { id: string; key: string };

beforeAll(async () => {
  fixture = await startRelayFixture();
  gate = fixture.gate;
  const anaUser = await seedUser(gate, { username: 'ana', password: 'ana-password-1' });
  const bobUser = await seedUser(gate, { username: 'bob', password: 'bob-password-1' });
  anaKey = await gate.createKey({ name: 'ana laptop', userId: anaUser.id });
  bobKey = await gate.createKey({ name: 'bob laptop', userId: bobUser.id });
  expect(await sendMessage(gate, anaKey.key)).toBe(200);
  expect(await sendMessage(gate, bobKey.key)).toBe(200);
  expect(await sendMessage(gate, bobKey.key)).toBe(200);
  ana = await consoleLogin(gate, 'ana', 'ana-password-1');
});

afterAll(() => fixture?.close());

async function summary(session: ConsoleSession, query: string): Promise<{ status: number; body: AnyBody }> {
  const response = await session.fetch('GET', `/api/usage/summary${query}`);
  return { status: response.status, body: (await response.json()) as AnyBody };
}

describe('a user’s own usage (/api/usage)', () => {
  it('counts only the caller’s keys, grouped as the admin explorer groups them', async () => {
    const { status, body } = await summary(ana, '?groupBy=key');
    expect(status).toBe(200);
    expect(body.totals.requests).toBe(1);
    expect(body.groups).toEqual([expect.objectContaining({ value: anaKey.id, requests: 1 })]);
    // The admin view sees both users.
    const all = await gate.admin<AnyBody>('GET', '/admin/api/usage/summary');
    expect(all.body.totals.requests).toBe(3);
  });

  it('ignores a userId or keyId that points at someone else', async () => {
    const byUser = await summary(ana, `?userId=${encodeURIComponent(bobKey.id)}`);
    expect(byUser.body.totals.requests).toBe(1);
    const byKey = await summary(ana, `?keyId=${encodeURIComponent(bobKey.id)}`);
    expect(byKey.status).toBe(200);
    expect(byKey.body.totals.requests).toBe(0);
  });

  it('exports only the caller’s records', async () => {
    const response = await ana.fetch('GET', '/api/usage/export?format=csv');
    expect(response.status).toBe(200);
    const lines = (await response.text()).trim().split(/\r?\n/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(anaKey.id);
  });

  it('refuses anonymous callers and the bootstrap token, which belongs to no user', async () => {
    expect((await fetch(`${gate.url}/api/usage/summary`)).status).toBe(401);
    const bootstrap = await fetch(`${gate.url}/api/usage/summary`, {
      headers: { authorization: `Bearer ${gate.adminToken}` },
    });
    expect(bootstrap.status).toBe(403);
  });
});
