/** Lists and objects are stored as JSON text so the same column works on SQLite and PostgreSQL. */
export function toJsonColumn(value: unknown): string {
  return JSON.stringify(value);
}

export function fromJsonColumn<T>(text: string, fallback: T): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

export function toFlag(value: boolean): number {
  return value ? 1 : 0;
}

export function fromFlag(value: number | boolean): boolean {
  return value === 1 || value === true;
}

/**
 * Gatehouse's own PostgreSQL pool already reads bigint as a number (db/postgres-types.ts); this also
 * accepts the string or bigint other drivers and pg's defaults give, so rows read either way work.
 */
export function toNumber(value: number | string | bigint): number {
  return typeof value === 'number' ? value : Number(value);
}
