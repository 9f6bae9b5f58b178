/**
 * The Cognito credential provider caches the identity id in IndexedDB or localStorage
 * by default. The console keeps it in memory instead: nothing about the identity is
 * written to browser storage, and each provider gets its own cache.
 */
export class InMemoryIdentityCache {
  private readonly items = new Map<string, string>();

  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }

  setItem(key: string, data: string): void {
    this.items.set(key, data);
  }

  removeItem(key: string): void {
    this.items.delete(key);
  }
}
