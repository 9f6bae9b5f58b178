/**
 * Edits that meet another writer: reapplying the user's changes on top of the latest stored
 * record ("rebase"), choosing which record a form writes, and judging from a read-back whether
 * a write reached the online store. Pure: the caller fetches, this decides.
 */
import { diffRecords } from './diff';
import { formatEventTime } from './eventTime';
import { recordToFeatureFormValues, formValuesToRecord, emptyFormValues, type RecordFormValues, type FeatureValueLike } from './recordForm';
import type { FeatureGroupSchema } from './schema';
import { compareEventTimes, type StoredRecordBase } from './writePlan';

/** The record a form writes: an edit keeps the stored record's id; a new record uses the identifier field. */
export function chooseRecordId(schema: FeatureGroupSchema, values: RecordFormValues, base: StoredRecordBase | undefined): string {
  if (base) return base.recordId;
  const index = schema.features.findIndex((spec) => spec.role === 'identifier');
  return values.features[index]?.text ?? '';
}

/** Form values for editing `base`: its stored values, with the event time proposed as `now` (only a newer event time reaches the online store). */
export function editValues(schema: FeatureGroupSchema, base: StoredRecordBase | undefined, now: Date): RecordFormValues {
  const values = emptyFormValues(schema);
  if (!base) return values;
  values.features = recordToFeatureFormValues(schema, base.record);
  const eventIndex = schema.features.findIndex((spec) => spec.role === 'eventTime');
  const eventValue = values.features[eventIndex];
  if (eventValue) eventValue.text = formatEventTime(schema.eventTimeType, now);
  return values;
}

/**
 * Reapplies what the user changed (form `current` against the record they started from, `base`)
 * on top of the `latest` stored record, with a fresh event time. Features the user did not touch
 * take the latest writer's values; write options (target stores, TTL) stay as the user set them.
 */
export function rebaseEdit(
  schema: FeatureGroupSchema,
  base: StoredRecordBase,
  current: RecordFormValues,
  latest: StoredRecordBase,
  now: Date,
): RecordFormValues {
  const changes = diffRecords(schema, base.record, formValuesToRecord(schema, current)).filter((change) => change.name !== schema.eventTimeName);
  const byName = new Map<string, FeatureValueLike>(latest.record.map((value) => [value.FeatureName, value]));
  for (const change of changes) {
    if (change.after) byName.set(change.name, change.after);
    else byName.delete(change.name);
  }
  const next = editValues(schema, { ...latest, record: [...byName.values()] }, now);
  return { ...next, targetStores: current.targetStores, ttl: current.ttl };
}

export function storedEventTime(schema: FeatureGroupSchema, record: readonly FeatureValueLike[] | undefined): string | undefined {
  return record?.find((value) => value.FeatureName === schema.eventTimeName)?.ValueAsString;
}

/**
 * Where a successful PutRecord/UpdateRecord landed, as far as the console can know.
 * - 'online': the online store holds what was sent (read back with the sent event time).
 * - 'offline-only': the online store keeps a record with a newer event time (read before or
 *   after the write), so AWS took the write into the offline store only. A Standard online store
 *   answers such a PutRecord with success; this is the only way to tell.
 * - 'unknown': nothing was read back (no online store targeted, or the read failed).
 */
export type OnlineLanding = { kind: 'online' } | { kind: 'offline-only'; storedEventTime: string } | { kind: 'unknown' };

export function judgeOnlineLanding(
  schema: FeatureGroupSchema,
  sentEventTime: string,
  before: { eventTime?: string | undefined },
  readBack: { record?: readonly FeatureValueLike[] | undefined } | undefined,
): OnlineLanding {
  const after = readBack ? storedEventTime(schema, readBack.record) : undefined;
  if (after !== undefined) {
    const order = compareEventTimes(schema, sentEventTime, after);
    if (order === 'equal') return { kind: 'online' };
    if (order === 'older') return { kind: 'offline-only', storedEventTime: after };
  }
  // No usable read-back: the event time read just before the write still tells whether ours was older.
  if (before.eventTime !== undefined && compareEventTimes(schema, sentEventTime, before.eventTime) === 'older') {
    return { kind: 'offline-only', storedEventTime: before.eventTime };
  }
  return { kind: 'unknown' };
}
