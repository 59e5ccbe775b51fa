import { createHash, randomBytes } from 'node:crypto';

/**
 * A PKCE pair (RFC 7636): a random verifier kept server-side and its S256 challenge sent in the
 * authorization URL. 32 random bytes give the 43-character verifier the RFC recommends.
 */
export function createPkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: s256Challenge(verifier) };
}

export function s256Challenge(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

/** An unguessable `state` value binding a pasted code to the authorization this server started. */
export function randomState(): string {
  return randomBytes(24).toString('base64url');
}
