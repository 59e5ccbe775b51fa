import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './0001-initial.js';
import * as accountProxy from './0002-account-proxy.js';
import * as usageEstimated from './0003-usage-estimated.js';
import * as accountExtraHeaders from './0004-account-extra-headers.js';
import * as usagePrices from './0005-usage-prices.js';
import * as usageRollups from './0005b-usage-rollups.js';
import * as auth from './0006-auth.js';
import * as keyPolicyLimits from './0007-key-policy-limits.js';
import * as notify from './0008-notify.js';

/**
 * Migrations are compiled into the program (not read from a folder at run time), so `dist/` is
 * self-contained. Names sort in the order they apply; never rename or edit a released one.
 */
const migrations: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-account-proxy': accountProxy,
  '0003-usage-estimated': usageEstimated,
  '0004-account-extra-headers': accountExtraHeaders,
  '0005-usage-prices': usagePrices,
  '0005b-usage-rollups': usageRollups,
  '0006-auth': auth,
  '0007-key-policy-limits': keyPolicyLimits,
  '0008-notify': notify,
};

export const migrationProvider: MigrationProvider = {
  async getMigrations() {
    return migrations;
  },
};
