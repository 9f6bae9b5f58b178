import { describe, expect, it } from 'vitest';
import { entryFromRow, evictionCount, matchesFilter } from './history';
import { failureFrom } from './result';

const entry = {
  at: '2026-01-01T00:00:00.000Z',
  environment: 'us-east-1|local',
  user: 'guest',
  featureGroup: 'customers',
  recordId: 'C-1',
  operation: 'PutRecord',
  targetStores: ['OnlineStore'],
  outcome: 'success',
  request: { FeatureGroupName: 'customers', Record: [] },
};

describe('history rows', () => {
  it('reads a valid row as an entry with its id', () => {
    expect(entryFromRow({ seq: 7, entry })).toMatchObject({ id: 7, recordId: 'C-1', outcome: 'success' });
  });

  it.each([
    ['no seq', { entry }],
    ['not an object', 'x'],
    ['unknown operation', { seq: 1, entry: { ...entry, operation: 'DropTable' } }],
    ['missing outcome', { seq: 1, entry: { ...entry, outcome: undefined } }],
    ['targetStores not a list', { seq: 1, entry: { ...entry, targetStores: 'all' } }],
    ['actor without a name', { seq: 1, entry: { ...entry, actor: { role: 'writers' } } }],
  ])('skips an invalid row (%s) instead of trusting it', (_, row) => {
    expect(entryFromRow(row)).toBeUndefined();
  });

  it('reads who made a write, and older rows without it', () => {
    expect(entryFromRow({ seq: 2, entry: { ...entry, user: 'user:abc', actor: { name: 'writer@example.com', role: 'writers' } } })?.actor).toEqual({
      name: 'writer@example.com',
      role: 'writers',
    });
    expect(entryFromRow({ seq: 3, entry })?.actor).toBeUndefined();
  });

  it('filters by group, operation and outcome together', () => {
    const row = { featureGroup: 'customers', operation: 'DeleteRecord', outcome: 'error' };
    expect(matchesFilter(row, {})).toBe(true);
    expect(matchesFilter(row, { group: 'customers', operation: 'DeleteRecord', outcome: 'error' })).toBe(true);
    expect(matchesFilter(row, { group: 'customers', outcome: 'success' })).toBe(false);
    expect(matchesFilter(row, { group: 'other' })).toBe(false);
  });
});

describe('eviction', () => {
  const caps = { count: 3, size: 100 };
  it('removes nothing under both caps', () => {
    expect(evictionCount({ count: 3, size: 100 }, [10, 10], caps)).toBe(0);
  });
  it('removes the oldest beyond the count cap', () => {
    expect(evictionCount({ count: 5, size: 50 }, [10, 10, 10, 10], caps)).toBe(2);
  });
  it('removes as many oldest as it takes to get under the size cap', () => {
    expect(evictionCount({ count: 3, size: 190 }, [60, 40, 30], caps)).toBe(2);
  });
});

describe('storage failures', () => {
  it('names a full quota "storage full" and never throws', () => {
    expect(failureFrom(new DOMException('over', 'QuotaExceededError'))).toEqual({ ok: false, reason: 'full', message: 'storage full' });
    expect(failureFrom(new DOMException('closed', 'InvalidStateError')).reason).toBe('unavailable');
    expect(failureFrom('weird').ok).toBe(false);
  });
});
