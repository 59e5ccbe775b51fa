/** localStorage that never throws (private mode, disabled storage). */
export function readSetting(name: string): string | null {
  try {
    return localStorage.getItem(`gatehouse.${name}`);
  } catch {
    return null;
  }
}

export function writeSetting(name: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(`gatehouse.${name}`);
    else localStorage.setItem(`gatehouse.${name}`, value);
  } catch {
    // Settings are conveniences; the console works without them.
  }
}
