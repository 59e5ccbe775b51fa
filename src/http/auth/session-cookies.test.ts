import fastifyCookie from '@fastify/cookie';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import type { SessionStore } from '../../auth/session-store.js';
import { createSessionCookies } from './session-cookies.js';

const user = {
  id: 'u1',
  username: 'ann',
  role: 'user' as const,
  enabled: true,
  email: null,
  displayName: null,
  createdAt: 0,
  updatedAt: 0,
};

const store = {
  start: async () => ({
    sessionId: 'S'.repeat(43),
    session: { idHash: 'h', user, csrfToken: 'csrf', expiresAt: 1 },
  }),
} as unknown as SessionStore;

async function cookieFor(headers: Record<string, string>) {
  // trustProxy lets x-forwarded-proto stand for a TLS connection, as behind a terminating proxy.
  const app = Fastify({ trustProxy: true });
  await app.register(fastifyCookie, { hook: false });
  const cookies = createSessionCookies(store, { maxAgeMs: 3_600_000 });
  app.post('/login', (request, reply) => cookies.startFor(user, request, reply));
  const answer = await app.inject({ method: 'POST', url: '/login', headers });
  await app.close();
  return String(answer.headers['set-cookie']);
}

describe('session cookie', () => {
  it('is Secure when the request came over https, and not over plain http', async () => {
    expect(await cookieFor({ 'x-forwarded-proto': 'https' })).toMatch(/; Secure/);
    expect(await cookieFor({})).not.toMatch(/Secure/);
  });

  it('is httpOnly, SameSite=Lax, for the whole site, with the absolute lifetime', async () => {
    const cookie = await cookieFor({});
    expect(cookie).toBe(`gatehouse_session=${'S'.repeat(43)}; Max-Age=3600; Path=/; HttpOnly; SameSite=Lax`);
  });
});
