import { describe, expect, it } from 'vitest';
import { IdentityIdCache } from './identityCache';

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}

const ID = 'us-east-1:0b3c6f5e-1f2a-4c3d-8e9f-0a1b2c3d4e5f';

describe('IdentityIdCache', () => {
  it('keeps an identity id across instances (page loads), per key', () => {
    const storage = memoryStorage();
    new IdentityIdCache(storage).setItem('aws:cognito-identity-ids:pool-a', ID);
    expect(new IdentityIdCache(storage).getItem('aws:cognito-identity-ids:pool-a')).toBe(ID);
    expect(new IdentityIdCache(storage).getItem('aws:cognito-identity-ids:pool-b')).toBeNull();
  });

  it('stores nothing that is not an identity id, and ignores a tampered value', () => {
    const storage = memoryStorage();
    const cache = new IdentityIdCache(storage);
    cache.setItem('k', 'ASIAEXAMPLE secret');
    expect(storage.items.size).toBe(0);
    storage.items.set('featurestore-console:k', '<img src=x onerror=alert(1)>');
    expect(new IdentityIdCache(storage).getItem('k')).toBeNull();
  });

  it('forgets a removed id, and survives a storage that throws', () => {
    const storage = memoryStorage();
    const cache = new IdentityIdCache(storage);
    cache.setItem('k', ID);
    cache.removeItem('k');
    expect(new IdentityIdCache(storage).getItem('k')).toBeNull();
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {
        throw new Error('denied');
      },
    };
    const fragile = new IdentityIdCache(broken);
    fragile.setItem('k', ID);
    expect(fragile.getItem('k')).toBe(ID);
    expect(() => fragile.removeItem('k')).not.toThrow();
  });
});
