import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM for upstream credentials at rest. The stored text is `v1.<iv>.<tag>.<ciphertext>`
 * (base64url parts), so a future key rotation can add `v2` beside it.
 */
export interface SecretBox {
  seal(plaintext: string): string;
  open(sealed: string): string;
}

const version = 'v1';

export function createSecretBox(masterKey: Buffer): SecretBox {
  if (masterKey.length !== 32) throw new Error('the master key must be 32 bytes');
  return {
    seal(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', masterKey, iv);
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const parts = [iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString('base64url'));
      return [version, ...parts].join('.');
    },
    open(sealed) {
      const [tag, iv, authTag, ciphertext] = sealed.split('.');
      if (tag !== version || !iv || !authTag || ciphertext === undefined) {
        throw new Error('sealed secret has an unknown format');
      }
      const decipher = createDecipheriv('aes-256-gcm', masterKey, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(authTag, 'base64url'));
      const plaintext = Buffer.concat([
        decipher.update(Buffer.from(ciphertext, 'base64url')),
        decipher.final(),
      ]);
      return plaintext.toString('utf8');
    },
  };
}

/**
 * A configured master key may be 64 hex characters or 32 bytes of base64 taken as they are; any other
 * text of at least 32 characters is stretched with SHA-256, so a passphrase also works.
 */
export function masterKeyFromText(text: string): Buffer {
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, 'hex');
  const decoded = Buffer.from(text, 'base64');
  if (decoded.length === 32 && decoded.toString('base64') === text) return decoded;
  return createHash('sha256').update(text, 'utf8').digest();
}
