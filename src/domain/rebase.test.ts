import { describe, expect, it } from 'vitest';
import { chooseRecordId, editValues, judgeOnlineLanding, rebaseEdit } from './rebase';
import { formValuesToRecord, type FeatureValueLike } from './recordForm';
import { customersSchema as schema } from './testSchemas';
import type { StoredRecordBase } from './writePlan';

const base: StoredRecordBase = {
  recordId: 'C-1001',
  record: [
    { FeatureName: 'customer_id', ValueAsString: 'C-1001' },
    { FeatureName: 'event_time', ValueAsString: '2026-01-01T00:00:00.000Z' },
    { FeatureName: 'age', ValueAsString: '30' },
    { FeatureName: 'segment', ValueAsString: 'smb' },
    { FeatureName: 'lifetime_value', ValueAsString: '10.5' },
  ],
};
const latest: StoredRecordBase = {
  recordId: 'C-1001',
  record: [
    { FeatureName: 'customer_id', ValueAsString: 'C-1001' },
    { FeatureName: 'event_time', ValueAsString: '2026-02-01T00:00:00.000Z' },
    { FeatureName: 'age', ValueAsString: '31' },
    { FeatureName: 'segment', ValueAsString: 'smb' },
    { FeatureName: 'lifetime_value', ValueAsString: '99' },
  ],
};
const now = new Date('2026-03-01T12:00:00.000Z');
const value = (record: FeatureValueLike[], name: string) => record.find((entry) => entry.FeatureName === name)?.ValueAsString;

describe('chooseRecordId', () => {
  it('keeps the stored id for an edit, whatever the identifier field says', () => {
    const values = editValues(schema, base, now);
    values.features[0]!.text = 'C-other';
    expect(chooseRecordId(schema, values, base)).toBe('C-1001');
  });
  it('uses the identifier field for a new record', () => {
    const values = editValues(schema, undefined, now);
    values.features[0]!.text = 'C 100%';
    expect(chooseRecordId(schema, values, undefined)).toBe('C 100%');
  });
});

describe('rebaseEdit', () => {
  it("reapplies the user's changed features on the latest record with a fresh event time", () => {
    const current = editValues(schema, base, now);
    const segment = schema.features.findIndex((spec) => spec.name === 'segment');
    current.features[segment]!.text = 'enterprise';
    current.targetStores = { online: true, offline: false };
    const next = rebaseEdit(schema, base, current, latest, now);
    const record = formValuesToRecord(schema, next);
    expect(value(record, 'segment')).toBe('enterprise'); // the user's change
    expect(value(record, 'age')).toBe('31'); // the other writer's change survives
    expect(value(record, 'lifetime_value')).toBe('99');
    expect(value(record, 'event_time')).toBe('2026-03-01T12:00:00.000Z');
    expect(next.targetStores).toEqual({ online: true, offline: false });
  });
  it('removes a feature the user cleared, even if the other writer changed it', () => {
    const current = editValues(schema, base, now);
    const ltv = schema.features.findIndex((spec) => spec.name === 'lifetime_value');
    current.features[ltv]!.text = '';
    const record = formValuesToRecord(schema, rebaseEdit(schema, base, current, latest, now));
    expect(value(record, 'lifetime_value')).toBeUndefined();
    expect(value(record, 'age')).toBe('31');
  });
});

describe('judgeOnlineLanding', () => {
  const sent = '2026-03-01T12:00:00.000Z';
  const readBack = (eventTime: string) => ({ record: [{ FeatureName: 'event_time', ValueAsString: eventTime }] });
  it('is online when the read-back carries the event time that was sent', () => {
    expect(judgeOnlineLanding(schema, sent, { eventTime: '2026-01-01T00:00:00.000Z' }, readBack(sent))).toEqual({ kind: 'online' });
  });
  it('is offline-only when the online store keeps a newer record (B1)', () => {
    expect(judgeOnlineLanding(schema, sent, { eventTime: '2026-01-01T00:00:00.000Z' }, readBack('2099-01-01T00:00:00.000Z'))).toEqual({
      kind: 'offline-only',
      storedEventTime: '2099-01-01T00:00:00.000Z',
    });
  });
  it('falls back to the event time read before the write when nothing was read back', () => {
    expect(judgeOnlineLanding(schema, sent, { eventTime: '2099-01-01T00:00:00.000Z' }, undefined)).toEqual({
      kind: 'offline-only',
      storedEventTime: '2099-01-01T00:00:00.000Z',
    });
    expect(judgeOnlineLanding(schema, sent, {}, undefined)).toEqual({ kind: 'unknown' });
  });
});
