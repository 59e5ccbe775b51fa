/** A Gatehouse key's policy, as stored; the key itself exists only as its hash. */
export interface ApiKey {
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
  rpmLimit: number | null;
  concurrencyLimit: number | null;
  group: string | null;
  createdAt: number;
  updatedAt: number;
  deletedAt: number | null;
}
