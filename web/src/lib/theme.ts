import { useCallback, useSyncExternalStore } from 'react';
import { writeSetting } from './storage';

type Theme = 'light' | 'dark';

const listeners = new Set<() => void>();

function current(): Theme {
  return document.documentElement.classList.contains('dark') ? 'dark' : 'light';
}

/** Dark mode with Tailwind's `class` strategy; index.html applies the saved choice before first paint. */
export function useTheme(): [Theme, () => void] {
  const theme = useSyncExternalStore((listener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  }, current);
  const toggle = useCallback(() => {
    const next: Theme = current() === 'dark' ? 'light' : 'dark';
    document.documentElement.classList.toggle('dark', next === 'dark');
    writeSetting('theme', next);
    for (const listener of listeners) listener();
  }, []);
  return [theme, toggle];
}
