import { describe, expect, it } from 'vitest';
import {
  type AccountInsert,
  createAccountsRepository,
} from '../../src/db/repositories/accounts-repository.js';
import { backends, useTestStore } from './storage-backends.js';

const created = 1_767_225_600_000;

function account(overrides: Partial<AccountInsert> = {}): AccountInsert {
  return {
    id: 'acc-1',
    name: 'primary',
    type: 'anthropic',
    baseUrl: 'https://api.anthropic.com',
    credentialSealed: 'sealed:v1:abc',
    proxySealed: null,
    extraHeadersSealed: 'sealed:v1:headers',
    models: [
      { name: 'claude-sonnet-4-5' },
      { name: 'claude-haiku-*' },
      { name: 'claude-opus-4-5', upstreamModel: 'claude-sonnet-4-5-20250929' },
    ],
    priority: -2,
    weight: 3,
    concurrencyLimit: null,
    group: null,
    enabled: false,
    ...overrides,
  };
}

describe.each(backends)('accounts repository on $name', (backend) => {
  const store = useTestStore(backend);
  const repository = () => createAccountsRepository(store().storage.db);

  it('round-trips every field, model rules and flags included', async () => {
    const inserted = await repository().insert(account(), created);
    expect(inserted).toEqual({ ...account(), createdAt: created, updatedAt: created });
    expect(await repository().get('acc-1')).toEqual(inserted);
    await repository().insert(
      account({
        id: 'acc-2',
        enabled: true,
        concurrencyLimit: 4,
        group: 'team-a',
        models: [],
        proxySealed: 'sealed:v1:proxy',
      }),
      created + 1,
    );
    const second = await repository().get('acc-2');
    expect(second).toMatchObject({
      enabled: true,
      concurrencyLimit: 4,
      group: 'team-a',
      models: [],
      proxySealed: 'sealed:v1:proxy',
    });
    expect(typeof second?.createdAt).toBe('number');
  });

  it('lists oldest first', async () => {
    await repository().insert(account({ id: 'late' }), created + 10);
    await repository().insert(account({ id: 'early' }), created);
    expect((await repository().list()).map((a) => a.id)).toEqual(['early', 'late']);
  });

  it('updates only the given fields, nulls included', async () => {
    await repository().insert(account({ concurrencyLimit: 5, group: 'g' }), created);
    const updated = await repository().update(
      'acc-1',
      { name: 'renamed', enabled: true, models: [{ name: 'gpt-*' }], concurrencyLimit: null, group: null },
      created + 60_000,
    );
    expect(updated).toEqual({
      ...account(),
      name: 'renamed',
      enabled: true,
      models: [{ name: 'gpt-*' }],
      concurrencyLimit: null,
      group: null,
      createdAt: created,
      updatedAt: created + 60_000,
    });
    expect(await repository().update('missing', { name: 'x' }, created)).toBeUndefined();
  });

  it('removes an account once', async () => {
    await repository().insert(account(), created);
    expect(await repository().remove('acc-1')).toBe(true);
    expect(await repository().remove('acc-1')).toBe(false);
    expect(await repository().get('acc-1')).toBeUndefined();
  });

  it('rejects a duplicate id', async () => {
    await repository().insert(account(), created);
    await expect(repository().insert(account(), created)).rejects.toThrow();
  });
});
