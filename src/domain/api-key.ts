import type { UsageLimits } from '../limits/usage-limits.js';

/** The API families a key may be used on (SPEC §5 service permissions); `all` allows every one. */
export const keyServices = ['claude', 'openai', 'gemini', 'all'] as const;
export type KeyService = (typeof keyServices)[number];

/** A Gatehouse key's policy, as stored; the key itself exists only as its hash. */
export interface ApiKey extends UsageLimits {
  id: string;
  name: string;
  userId: string | null;
  /** The last four characters, for display. */
  keySuffix: string;
  enabled: boolean;
  expiresAt: number | null;
  allowedModels: string[];
  deniedModels: string[];
  ipAllowlist: string[];
  group: string | null;
  tags: string[];
  allowedServices: KeyService[];
  /** Client families (access/client-family.ts) allowed to use the key; empty allows every client. */
  allowedClients: string[];
  createdAt: number;
  updatedAt: number;
  deletedAt: number | null;
}
