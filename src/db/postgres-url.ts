export const DEFAULT_POOL_SIZE = 10;
const MAX_POOL_SIZE = 1000;

export interface PostgresUrl {
  /** What node-postgres is given: the URL without Gatehouse's own `pool` parameter. */
  connectionString: string;
  poolSize: number;
  /** host:port/database without credentials, safe for error messages and logs. */
  location: string;
}

/**
 * Reads `?pool=<n>` (connections per instance; default 10) and leaves everything else, `sslmode`
 * included, to node-postgres. The URL is passed on byte for byte unless `pool` has to be removed, so
 * node-postgres parses passwords with odd characters exactly as it would on its own.
 */
export function parsePostgresUrl(url: string): PostgresUrl {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // The URL may hold a password, so it is not repeated here.
    throw new Error('DATABASE_URL is not a valid postgres:// URL');
  }
  const location = `${parsed.hostname || 'localhost'}:${parsed.port || '5432'}${parsed.pathname}`;
  const pool = parsed.searchParams.get('pool');
  if (pool === null) return { connectionString: url, poolSize: DEFAULT_POOL_SIZE, location };
  const poolSize = Number(pool);
  if (!/^\d+$/.test(pool) || poolSize < 1 || poolSize > MAX_POOL_SIZE) {
    throw new Error(`DATABASE_URL: pool must be a whole number from 1 to ${MAX_POOL_SIZE}, got "${pool}"`);
  }
  parsed.searchParams.delete('pool');
  return { connectionString: parsed.toString(), poolSize, location };
}
