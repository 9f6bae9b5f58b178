/**
 * Where the Cognito credential provider keeps the identity id between calls.
 *
 * The identity id is not a secret (it names an identity; credentials need a call with it),
 * so it is kept per identity pool in localStorage and reused on the next page load instead
 * of minting a new identity every time. Nothing else is stored: the provider writes only
 * identity ids to this cache, and every value is checked to look like one before it is
 * written or read. Credentials stay in memory. A full or unavailable localStorage only
 * means a new identity next time.
 */
const STORAGE_PREFIX = 'featurestore-console:';
const IDENTITY_ID = /^[a-z]{2}(-[a-z]+)+-\d:[0-9a-f-]{36}$/;

export class IdentityIdCache {
  private readonly items = new Map<string, string>();

  /** `storage` null keeps identity ids in memory only (tests, Node). */
  constructor(private readonly storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null = safeLocalStorage()) {}

  getItem(key: string): string | null {
    const inMemory = this.items.get(key);
    if (inMemory) return inMemory;
    try {
      const stored = this.storage?.getItem(STORAGE_PREFIX + key) ?? null;
      return stored && stored.length <= 64 && IDENTITY_ID.test(stored) ? stored : null;
    } catch {
      return null;
    }
  }

  setItem(key: string, data: string): void {
    if (data.length > 64 || !IDENTITY_ID.test(data)) return;
    this.items.set(key, data);
    try {
      this.storage?.setItem(STORAGE_PREFIX + key, data);
    } catch {
      // Storage full or unavailable: the id lives in memory for this page only.
    }
  }

  removeItem(key: string): void {
    this.items.delete(key);
    try {
      this.storage?.removeItem(STORAGE_PREFIX + key);
    } catch {
      // Nothing to do: the in-memory copy is gone.
    }
  }
}

function safeLocalStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
