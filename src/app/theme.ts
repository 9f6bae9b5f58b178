/**
 * Light, dark or the system's choice. The one value kept in localStorage rather than in
 * src/storage (IndexedDB): it must apply synchronously before the first paint (no flash
 * of the wrong theme) and before anyone signs in. One short word; never throws.
 */
export type ThemeChoice = 'system' | 'light' | 'dark';
const KEY = 'featurestore-console:theme';

export function storedTheme(): ThemeChoice {
  let value: string | null = null;
  try {
    value = localStorage.getItem(KEY);
  } catch {
    // Storage disabled: the system's choice.
  }
  return value === 'light' || value === 'dark' ? value : 'system';
}

export function applyTheme(choice: ThemeChoice): void {
  if (choice === 'system') document.documentElement.removeAttribute('data-theme');
  else document.documentElement.setAttribute('data-theme', choice);
  try {
    if (choice === 'system') localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, choice);
  } catch {
    // Full or disabled storage: the theme applies now, and is not remembered.
  }
}

export function applyStoredTheme(): void {
  applyTheme(storedTheme());
}
