import { describe, expect, it } from 'vitest';
import { createUsersRepository } from '../../src/db/repositories/users-repository.js';
import { backends, useTestStore } from './storage-backends.js';

const created = 1_767_225_600_000;

describe.each(backends)('users repository on $name', (backend) => {
  const store = useTestStore(backend);
  const repository = () => createUsersRepository(store().storage.db);

  it('inserts and finds a user by username and by id', async () => {
    await repository().insert(
      { id: 'u1', username: 'admin', role: 'admin', passwordHash: 'scrypt$1' },
      created,
    );
    const expected = {
      id: 'u1',
      username: 'admin',
      role: 'admin',
      passwordHash: 'scrypt$1',
      enabled: true,
      email: null,
      displayName: null,
      createdAt: created,
      updatedAt: created,
    };
    expect(await repository().findByUsername('admin')).toEqual(expected);
    expect(await repository().get('u1')).toEqual(expected);
    expect(await repository().findByUsername('Admin')).toBeUndefined();
    expect(await repository().get('u2')).toBeUndefined();
  });

  it('keeps a null password hash', async () => {
    await repository().insert({ id: 'u1', username: 'sso', role: 'user', passwordHash: null }, created);
    expect(await repository().get('u1')).toMatchObject({ role: 'user', passwordHash: null });
  });

  it('sets a password and the update time', async () => {
    await repository().insert({ id: 'u1', username: 'ann', role: 'user', passwordHash: null }, created);
    await repository().setPassword('u1', 'scrypt$2', created + 5);
    expect(await repository().get('u1')).toMatchObject({
      passwordHash: 'scrypt$2',
      createdAt: created,
      updatedAt: created + 5,
    });
  });

  it('rejects a second user with the same username', async () => {
    await repository().insert({ id: 'u1', username: 'ann', role: 'user', passwordHash: null }, created);
    await expect(
      repository().insert({ id: 'u2', username: 'ann', role: 'user', passwordHash: null }, created),
    ).rejects.toThrow();
  });
});
