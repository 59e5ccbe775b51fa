import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { masterKeyFromText } from './secret-box.js';

export const masterKeyFileName = 'master.key';

/**
 * The key that encrypts upstream credentials: GATEHOUSE_MASTER_KEY when set, else a key file in the
 * data dir, created (mode 0600) on first start. Every instance of a cluster must use the same one.
 */
export function resolveMasterKey(configured: string | undefined, dataDir: string): Buffer {
  if (configured) return masterKeyFromText(configured);
  const path = join(dataDir, masterKeyFileName);
  if (existsSync(path)) return masterKeyFromText(readFileSync(path, 'utf8').trim());
  const generated = randomBytes(32).toString('hex');
  writeFileSync(path, `${generated}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(path, 0o600);
  return Buffer.from(generated, 'hex');
}
