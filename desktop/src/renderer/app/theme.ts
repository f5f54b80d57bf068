import { useCallback, useSyncExternalStore } from 'react';

export type ThemePreference = 'system' | 'light' | 'dark';
export type Theme = 'light' | 'dark';

export const THEME_STORAGE_KEY = 'hamgaja.theme';

const listeners = new Set<() => void>();
const darkQuery = () =>
  typeof matchMedia === 'undefined' ? null : matchMedia('(prefers-color-scheme: dark)');

function readPreference(): ThemePreference {
  try {
    const saved = localStorage.getItem(THEME_STORAGE_KEY);
    return saved === 'light' || saved === 'dark' ? saved : 'system';
  } catch {
    return 'system';
  }
}

let preference: ThemePreference = typeof localStorage === 'undefined' ? 'system' : readPreference();

function systemTheme(): Theme {
  return darkQuery()?.matches ? 'dark' : 'light';
}

/** The theme in effect: the saved choice, else the system's. */
export function effectiveTheme(): Theme {
  return preference === 'system' ? systemTheme() : preference;
}

/** Puts the theme on <html> (CSS variables follow `data-theme`). */
export function applyTheme(): void {
  if (typeof document === 'undefined') return;
  const root = document.documentElement;
  if (preference === 'system') root.removeAttribute('data-theme');
  else root.dataset.theme = preference;
  root.style.colorScheme = effectiveTheme();
}

// Following the system, a switch there must reach `color-scheme` too (native controls, scrollbars).
darkQuery()?.addEventListener('change', () => {
  if (preference === 'system') applyTheme();
});

export function setThemePreference(next: ThemePreference): void {
  preference = next;
  try {
    if (next === 'system') localStorage.removeItem(THEME_STORAGE_KEY);
    else localStorage.setItem(THEME_STORAGE_KEY, next);
  } catch {
    // Private mode without storage: the choice lasts for this visit.
  }
  applyTheme();
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const query = darkQuery();
  query?.addEventListener('change', listener);
  return () => {
    listeners.delete(listener);
    query?.removeEventListener('change', listener);
  };
}

/** The effective theme and a toggle that flips it (saving the choice). */
export function useTheme(): { theme: Theme; toggle: () => void } {
  const theme = useSyncExternalStore(subscribe, effectiveTheme, () => 'light' as Theme);
  const toggle = useCallback(() => setThemePreference(effectiveTheme() === 'dark' ? 'light' : 'dark'), []);
  return { theme, toggle };
}
