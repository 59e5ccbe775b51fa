import { createMemoryLimitStore } from '../../src/limits/memory-limit-store.js';
import { describeLimitStoreContract } from '../support/limit-store-contract.js';

describeLimitStoreContract('memory', async () => createMemoryLimitStore());
