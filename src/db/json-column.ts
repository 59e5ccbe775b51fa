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

/** PostgreSQL's driver returns bigint columns as strings; SQLite's as numbers. */
export function toNumber(value: number | string | bigint): number {
  return typeof value === 'number' ? value : Number(value);
}
