import { describe, expect, it } from 'vitest';
import { withOAuthBeta } from '../providers/anthropic/claude-oauth-provider.js';
import { parsePastedCode } from './claude-oauth-login.js';
import { createPendingAuthorizations } from './pending-authorizations.js';
import { createPkcePair, s256Challenge } from './pkce.js';

describe('parsePastedCode', () => {
  it.each([
    ['abc#xyz', { code: 'abc', state: 'xyz' }],
    ['  abc#xyz \n', { code: 'abc', state: 'xyz' }],
    ['abc', { code: 'abc', state: undefined }],
    ['abc#', { code: 'abc', state: undefined }],
    ['https://console.anthropic.com/oauth/code/callback?code=abc&state=xyz', { code: 'abc', state: 'xyz' }],
    ['https://console.anthropic.com/oauth/code/callback?code=abc#xyz', { code: 'abc', state: 'xyz' }],
  ])('reads %j', (pasted, expected) => {
    expect(parsePastedCode(pasted)).toEqual(expected);
  });
});

describe('withOAuthBeta', () => {
  it.each([
    [undefined, 'oauth-2025-04-20'],
    ['', 'oauth-2025-04-20'],
    ['a-1, b-2', 'a-1,b-2,oauth-2025-04-20'],
    ['oauth-2025-04-20,a-1', 'oauth-2025-04-20,a-1'],
  ])('merges %j', (caller, expected) => {
    expect(withOAuthBeta(caller)).toBe(expected);
  });
});

describe('PKCE', () => {
  it('derives the S256 challenge of RFC 7636 appendix B', () => {
    expect(s256Challenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
    const pair = createPkcePair();
    expect(pair.verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(pair.challenge).toBe(s256Challenge(pair.verifier));
  });
});

describe('pending authorizations', () => {
  it('hands a verifier out once, and not after it expired', () => {
    let now = 1_000_000;
    const pending = createPendingAuthorizations({ ttlMs: 10 * 60_000, now: () => now });
    pending.add('s1', 'v1', null);
    pending.add('s2', 'v2', 'account-1');
    expect(pending.take('s1')).toMatchObject({ verifier: 'v1', accountId: null });
    expect(pending.take('s1')).toBeUndefined();
    now += 10 * 60_000;
    expect(pending.take('s2')).toBeUndefined();
  });
});
