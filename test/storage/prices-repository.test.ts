import { describe, expect, it } from 'vitest';
import { createPricesRepository } from '../../src/db/repositories/prices-repository.js';
import { backends, useTestStore } from './storage-backends.js';

describe.each(backends)('price overrides on $name', (backend) => {
  const store = useTestStore(backend);

  it('keeps every version, oldest effective first, with removals as null prices', async () => {
    const repository = createPricesRepository(store().storage.db);
    const price = {
      model: 'gpt-5',
      input: 1.1,
      output: 9.9,
      cacheWrite5m: 1.1,
      cacheWrite1h: 1.1,
      cacheRead: 0.11,
    };
    await repository.insertVersion({
      id: 'b',
      model: 'gpt-5',
      price: null,
      effectiveFrom: 2_000,
      createdAt: 3,
    });
    await repository.insertVersion({
      id: 'a',
      model: 'gpt-5',
      price,
      effectiveFrom: 1_767_225_600_000,
      createdAt: 2,
    });
    await repository.insertVersion({ id: 'c', model: 'gpt-5', price, effectiveFrom: 1_000, createdAt: 1 });
    const versions = await repository.listVersions();
    expect(versions.map((version) => version.id)).toEqual(['c', 'b', 'a']);
    expect(versions[1]?.price).toBeNull();
    expect(versions[2]).toEqual({
      id: 'a',
      model: 'gpt-5',
      price,
      effectiveFrom: 1_767_225_600_000,
      createdAt: 2,
    });
  });
});
