import { randomUUID } from 'node:crypto';
import { generateKey, hashKey, keyDisplaySuffix } from '../access/key-format.js';
import type { KeyCreateInput, KeyUpdateInput } from '../contracts/admin-keys.js';
import type { KeysRepository, StoredKey } from '../db/repositories/keys-repository.js';
import { keyChangesFromUpdateInput, keyFromCreateInput, requireValidIps } from '../http/admin/key-input.js';
import type { Catalog } from '../state/catalog.js';

/**
 * Key writes shared by the admin API (`/admin/api/keys`) and self-service (`/api/keys`): each writes
 * and then rebuilds the in-memory catalog, so the very next request sees the change. Who may touch
 * which key is decided by the caller, not here.
 */
export interface KeyOperationDeps {
  keys: KeysRepository;
  catalog: Catalog;
  now: () => number;
}

/** A fresh secret and the row fields derived from it; the clear key is returned once, never stored. */
export function newSecret() {
  const key = generateKey();
  return { key, keyHash: hashKey(key), keySuffix: keyDisplaySuffix(key) };
}

/** Creates a key; `secret` is the clear key, to be shown to the caller this once. */
export async function createKey(
  deps: KeyOperationDeps,
  input: KeyCreateInput,
): Promise<{ key: StoredKey; secret: string }> {
  requireValidIps(input.ipAllowlist);
  const secret = newSecret();
  const created = await deps.keys.insert(
    { ...keyFromCreateInput(input), id: randomUUID(), keyHash: secret.keyHash, keySuffix: secret.keySuffix },
    deps.now(),
  );
  await deps.catalog.reload();
  return { key: created, secret: secret.key };
}

export async function updateKey(
  deps: KeyOperationDeps,
  id: string,
  input: KeyUpdateInput,
): Promise<StoredKey | undefined> {
  requireValidIps(input.ipAllowlist);
  const updated = await deps.keys.update(id, keyChangesFromUpdateInput(input), deps.now());
  if (updated) await deps.catalog.reload();
  return updated;
}

/** Soft delete: the key stops working at once; its row stays in the trash for usage history and restore. */
export async function softDeleteKey(deps: KeyOperationDeps, id: string): Promise<boolean> {
  const deleted = await deps.keys.update(id, { deletedAt: deps.now() }, deps.now());
  if (deleted) await deps.catalog.reload();
  return deleted !== undefined;
}

/** A leaked key: a new secret, the same policy and history; the old secret stops working at once. */
export async function regenerateKey(
  deps: KeyOperationDeps,
  id: string,
): Promise<{ key: StoredKey; secret: string } | undefined> {
  const secret = newSecret();
  const updated = await deps.keys.replaceSecret(id, secret.keyHash, secret.keySuffix, deps.now());
  if (!updated) return undefined;
  await deps.catalog.reload();
  return { key: updated, secret: secret.key };
}
