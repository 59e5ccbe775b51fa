import type { Logger } from 'pino';
import type { Dispatcher } from 'undici';
import type { KeyAdmission } from '../access/key-admission.js';
import type { AccountLoad } from '../scheduler/account-load.js';
import type { Catalog } from '../state/catalog.js';
import type { UsageWriter } from '../usage/usage-writer.js';

/** What a relay needs from the rest of the process; built once in app.ts. */
export interface RelayServices {
  catalog: Catalog;
  admission: KeyAdmission;
  accountLoad: AccountLoad;
  agent: Dispatcher;
  usageWriter: UsageWriter;
  logger: Logger;
  random: () => number;
  now: () => number;
}
