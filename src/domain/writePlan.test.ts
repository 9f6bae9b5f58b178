import { describe, expect, it } from 'vitest';
import { diffRecords, formatFeatureValue } from './diff';
import { emptyFormValues, formValuesToRecord, recordToFeatureFormValues, type FeatureValueLike } from './recordForm';
import { buildFeatureGroupSchema } from './schema';
import { buildUpdateRecordInput, chooseWriteOperation, compareEventTimes, eventTimeWarning } from './writePlan';
import { customersSchema, productsSchema } from './testSchemas';

const v2Schema = buildFeatureGroupSchema({
  FeatureGroupName: 'tx',
  RecordIdentifierFeatureName: 'customer_id',
  EventTimeFeatureName: 'event_time',
  FeatureDefinitions: customersSchema.features.map((f) => ({ FeatureName: f.name, FeatureType: f.type })),
  OnlineStoreConfig: { EnableOnlineStore: true, StorageType: 'Standard_V2' },
  OfflineStoreConfig: {},
});

const stored: FeatureValueLike[] = [
  { FeatureName: 'customer_id', ValueAsString: 'C-1' },
  { FeatureName: 'event_time', ValueAsString: '2026-01-01T00:00:00.000Z' },
  { FeatureName: 'age', ValueAsString: '30' },
  { FeatureName: 'segment', ValueAsString: 'smb' },
];

function edited(schema = v2Schema, changes: Record<string, string | undefined> = {}) {
  const values = emptyFormValues(schema);
  const record = stored
    .map((value) => (value.FeatureName in changes ? { ...value, ValueAsString: changes[value.FeatureName] } : value))
    .filter((value) => value.ValueAsString !== undefined);
  values.features = recordToFeatureFormValues(schema, record as FeatureValueLike[]);
  return values;
}

describe('diffRecords', () => {
  it('lists changed, added and removed features in schema order', () => {
    const next = [
      ...stored.filter((v) => v.FeatureName !== 'segment').map((v) => (v.FeatureName === 'age' ? { ...v, ValueAsString: '31' } : v)),
      { FeatureName: 'lifetime_value', ValueAsString: '5' },
    ];
    expect(diffRecords(customersSchema, stored, next)).toEqual([
      { name: 'age', kind: 'changed', before: { FeatureName: 'age', ValueAsString: '30' }, after: { FeatureName: 'age', ValueAsString: '31' } },
      { name: 'lifetime_value', kind: 'added', after: { FeatureName: 'lifetime_value', ValueAsString: '5' } },
      { name: 'segment', kind: 'removed', before: { FeatureName: 'segment', ValueAsString: 'smb' } },
    ]);
  });
  it('compares lists element by element', () => {
    const a = [{ FeatureName: 'tags', ValueAsStringList: ['a', 'b'] }];
    expect(diffRecords(productsSchema, a, [{ FeatureName: 'tags', ValueAsStringList: ['b', 'a'] }])).toHaveLength(1);
    expect(diffRecords(productsSchema, a, [{ FeatureName: 'tags', ValueAsStringList: ['a', 'b'] }])).toEqual([]);
  });
  it('formats values for display', () => {
    expect(formatFeatureValue(undefined)).toBe('—');
    expect(formatFeatureValue({ FeatureName: 'x', ValueAsString: '' })).toBe('"" (empty string)');
    expect(formatFeatureValue({ FeatureName: 'x', ValueAsStringList: ['1', '2'] })).toBe('["1","2"]');
  });
});

describe('chooseWriteOperation', () => {
  const changesFor = (schema: typeof v2Schema, values: ReturnType<typeof edited>) => diffRecords(schema, stored, formValuesToRecord(schema, values));

  it('uses UpdateRecord on Standard_V2 with only the changed features and the event time', () => {
    const values = edited(v2Schema, { age: '31', event_time: '2026-02-01T00:00:00.000Z' });
    const changes = changesFor(v2Schema, values);
    expect(chooseWriteOperation(v2Schema, values, changes, 'auto').operation).toBe('UpdateRecord');
    expect(buildUpdateRecordInput(v2Schema, values, changes, 'C-1')).toEqual({
      FeatureGroupName: 'tx',
      RecordIdentifierValueAsString: 'C-1',
      Features: [
        { FeatureName: 'age', ValueAsString: '31' },
        { FeatureName: 'event_time', ValueAsString: '2026-02-01T00:00:00.000Z' },
      ],
    });
  });
  it('uses PutRecord on a Standard store, saying it overwrites', () => {
    const values = edited(customersSchema, { age: '31' });
    const choice = chooseWriteOperation(customersSchema, values, changesFor(customersSchema, values), 'auto');
    expect(choice).toMatchObject({ operation: 'PutRecord', reason: expect.stringMatching(/Standard.*overwritten/) });
  });
  it('uses PutRecord to remove a value, for offline-only writes, and when asked', () => {
    const removed = edited(v2Schema, { segment: undefined });
    expect(chooseWriteOperation(v2Schema, removed, changesFor(v2Schema, removed), 'auto')).toMatchObject({
      operation: 'PutRecord',
      reason: expect.stringMatching(/Removing/),
    });
    const offline = { ...edited(v2Schema, { age: '31' }), targetStores: { online: false, offline: true } };
    expect(chooseWriteOperation(v2Schema, offline, changesFor(v2Schema, offline), 'auto').operation).toBe('PutRecord');
    const chosen = edited(v2Schema, { age: '31' });
    expect(chooseWriteOperation(v2Schema, chosen, changesFor(v2Schema, chosen), 'PutRecord')).toMatchObject({
      operation: 'PutRecord',
      reason: expect.stringMatching(/You chose/),
    });
  });
});

describe('event time warnings', () => {
  it('compares and warns per operation', () => {
    expect(compareEventTimes(customersSchema, '2026-01-01T00:00:00.001Z', '2026-01-01T00:00:00Z')).toBe('newer');
    expect(compareEventTimes(customersSchema, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00Z')).toBe('equal');
    expect(compareEventTimes(customersSchema, '2025-01-01T00:00:00Z', '2026-01-01T00:00:00Z')).toBe('older');
    expect(eventTimeWarning('PutRecord', 'older')).toMatch(/offline store only/);
    expect(eventTimeWarning('UpdateRecord', 'older')).toMatch(/will be rejected/);
    expect(eventTimeWarning('UpdateRecord', 'newer')).toBeNull();
  });
});
