/** Light, dark or the system's choice; a display preference, the only thing besides drafts and history kept in storage. */
export type ThemeChoice = 'system' | 'light' | 'dark';
const KEY = 'featurestore-console:theme';

export function storedTheme(): ThemeChoice {
  const value = localStorage.getItem(KEY);
  return value === 'light' || value === 'dark' ? value : 'system';
}

export function applyTheme(choice: ThemeChoice): void {
  if (choice === 'system') {
    document.documentElement.removeAttribute('data-theme');
    localStorage.removeItem(KEY);
  } else {
    document.documentElement.setAttribute('data-theme', choice);
    localStorage.setItem(KEY, choice);
  }
}

export function applyStoredTheme(): void {
  applyTheme(storedTheme());
}
