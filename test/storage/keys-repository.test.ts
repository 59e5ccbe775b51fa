import { describe, expect, it } from 'vitest';
import { createKeysRepository, type KeyInsert } from '../../src/db/repositories/keys-repository.js';
import { createUsersRepository } from '../../src/db/repositories/users-repository.js';
import { backends, useTestStore } from './storage-backends.js';

const created = 1_767_225_600_000;

function key(overrides: Partial<KeyInsert> = {}): KeyInsert {
  return {
    id: 'key-1',
    name: 'laptop',
    userId: null,
    keyHash: 'hash-1',
    keySuffix: 'a1b2',
    enabled: true,
    expiresAt: null,
    allowedModels: ['claude-*'],
    deniedModels: ['claude-opus-*'],
    ipAllowlist: ['10.0.0.0/8', '2001:db8::/32'],
    rpmLimit: 60,
    concurrencyLimit: null,
    group: null,
    tags: ['team-a'],
    allowedServices: ['claude'],
    allowedClients: [],
    tokenLimits: { hour: null, day: 100_000, week: null, month: null },
    costLimits: { hour: null, day: null, week: null, month: 12.5 },
    totalBudget: 100,
    ...overrides,
  };
}

describe.each(backends)('keys repository on $name', (backend) => {
  const store = useTestStore(backend);
  const repository = () => createKeysRepository(store().storage.db);

  it('round-trips every field', async () => {
    await createUsersRepository(store().storage.db).insert(
      { id: 'u1', username: 'ann', role: 'user', passwordHash: null },
      created,
    );
    const fields = key({ userId: 'u1', enabled: false, expiresAt: created + 86_400_000, group: 'g' });
    const inserted = await repository().insert(fields, created);
    expect(inserted).toEqual({ ...fields, createdAt: created, updatedAt: created, deletedAt: null });
    expect(await repository().get('key-1')).toEqual(inserted);
    expect(await repository().get('missing')).toBeUndefined();
  });

  it('refuses a user that does not exist (foreign key on both dialects)', async () => {
    await expect(repository().insert(key({ userId: 'nobody' }), created)).rejects.toThrow();
  });

  it('refuses a second key with the same hash', async () => {
    await repository().insert(key(), created);
    await expect(repository().insert(key({ id: 'key-2' }), created)).rejects.toThrow();
  });

  it('updates the given fields, lists and nulls included', async () => {
    await repository().insert(key({ expiresAt: created + 1000 }), created);
    const updated = await repository().update(
      'key-1',
      { allowedModels: [], ipAllowlist: ['192.168.0.0/16'], expiresAt: null, rpmLimit: null, enabled: false },
      created + 7,
    );
    expect(updated).toMatchObject({
      allowedModels: [],
      deniedModels: ['claude-opus-*'],
      ipAllowlist: ['192.168.0.0/16'],
      expiresAt: null,
      rpmLimit: null,
      enabled: false,
      updatedAt: created + 7,
    });
  });

  it('soft-deletes: listLive leaves the key out, get still finds it, updates stop', async () => {
    await repository().insert(key(), created);
    await repository().insert(key({ id: 'key-2', keyHash: 'hash-2' }), created + 1);
    await repository().insert(key({ id: 'key-3', keyHash: 'hash-3' }), created + 2);
    const deleted = await repository().update('key-2', { deletedAt: created + 100 }, created + 100);
    expect(deleted?.deletedAt).toBe(created + 100);
    expect((await repository().listLive()).map((k) => k.id)).toEqual(['key-1', 'key-3']);
    expect(await repository().get('key-2')).toMatchObject({ deletedAt: created + 100 });
    expect(await repository().update('key-2', { name: 'back' }, created + 200)).toBeUndefined();
  });
});
