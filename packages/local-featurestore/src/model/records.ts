/**
 * The Feature Store runtime: records in the online store and rows appended to the
 * offline store.
 *
 * Decisions where AWS leaves room (the console follows the same ones):
 * - Equal EventTime: PutRecord with the same EventTime as the stored record replaces it
 *   online (last write wins), matching UpdateRecord, where equal is applied.
 * - Expired records are absent: GetRecord, BatchGetRecord and ListRecords skip them at
 *   once, a sweep hard-deletes them, and a write to an expired record's identifier is
 *   treated as a write to a new record.
 * - Set duplicates are rejected (ValidationError), never silently removed.
 * - Online records are returned with features in the group's definition order.
 * - UpdateRecord without TtlDuration keeps the stored ExpiresAt; with one, ExpiresAt is
 *   the request's EventTime + TtlDuration. UpdateRecord must target the online store.
 * - A TtlDuration on a write that targets only the offline store is accepted and ignored.
 * - SoftDelete with a newer EventTime keeps the identifier and the delete's EventTime
 *   online, marked deleted; a later write with a newer EventTime revives the record.
 * - Deleting a record that does not exist online succeeds (the offline marker is written).
 * - BatchGetRecord leaves out identifiers that have no record (as GetRecord answers {}),
 *   and lists unknown feature groups in Errors with ErrorCode ResourceNotFound.
 * - ListRecords returns identifiers in ascending order, 100 per page by default.
 */
import {
  MAX_BATCH_GET_IDENTIFIERS,
  MAX_UPDATE_FEATURES,
  computeExpiresAt,
  parseEventTime,
  ttlDurationError,
  unpairedSurrogateError,
  type TtlDuration,
} from 'featurestore-record-contract';
import type { FeatureStoreDatabase, OnlineRecordRow, StoredFeatureValue } from '../storage/database.js';
import { ServiceError, conflictException, resourceNotFound, validationError } from './errors.js';
import type { FeatureGroupModel } from './featureGroups.js';
import { JsonText } from './jsonText.js';
import { decodeKeyToken, encodePageToken } from './pagination.js';
import { requireIdentifierAndEventTime, validateFeatureValues, type ValidatedFeatures } from './recordValidation.js';
import { TARGET_STORES, hasOfflineStore, hasOnlineStore, onlineStorageType, type FeatureGroupDescription, type TargetStore } from './types.js';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface RecordResult {
  Record?: StoredFeatureValue[];
  ExpiresAt?: string;
}

export class RecordModel {
  constructor(
    private readonly db: FeatureStoreDatabase,
    private readonly groups: FeatureGroupModel,
    private readonly now: () => Date,
  ) {}

  /** PutRecord and friends answer an unknown group with 400 ValidationError, not 404. */
  private groupForWrite(nameOrArn: string): FeatureGroupDescription {
    const group = this.groups.find(nameOrArn);
    if (!group) throw validationError(`Resource Not Found: Amazon SageMaker can't find a FeatureGroup with name ${nameOrArn}`);
    return requireCreated(group);
  }

  private groupForRead(nameOrArn: string): FeatureGroupDescription {
    const group = this.groups.find(nameOrArn);
    if (!group) throw resourceNotFound(`Resource Not Found: Amazon SageMaker can't find a FeatureGroup with name ${nameOrArn}`);
    return requireCreated(group);
  }

  private requireOnlineStore(group: FeatureGroupDescription, operation: string): void {
    if (!hasOnlineStore(group)) {
      throw validationError(`${operation} needs an online store, and feature group ${group.FeatureGroupName} has only an offline store.`);
    }
  }

  /** The stored online record, or undefined when there is none or it has expired. */
  private liveRecord(group: FeatureGroupDescription, recordId: string): OnlineRecordRow | undefined {
    const row = this.db.getOnlineRecord(group.FeatureGroupName, recordId);
    if (!row) return undefined;
    if (row.expiresAtMs !== null && row.expiresAtMs <= this.now().getTime()) return undefined;
    return row;
  }

  /** The stored EventTime of a live record (none, or expired: undefined), for PutRecord's comparison. */
  private liveVersion(group: FeatureGroupDescription, recordId: string): bigint | undefined {
    const version = this.db.getOnlineRecordVersion(group.FeatureGroupName, recordId);
    if (!version) return undefined;
    if (version.expiresAtMs !== null && version.expiresAtMs <= this.now().getTime()) return undefined;
    return version.eventTimeNanos;
  }

  private targetStores(group: FeatureGroupDescription, raw: unknown): TargetStore[] {
    const all = TARGET_STORES.filter((store) => (store === 'OnlineStore' ? hasOnlineStore(group) : hasOfflineStore(group)));
    if (raw === undefined) return all;
    if (!Array.isArray(raw) || raw.length < 1 || raw.length > 2) throw validationError('TargetStores must list 1 or 2 of OnlineStore, OfflineStore.');
    const stores = new Set<TargetStore>();
    for (const store of raw as unknown[]) {
      if (store !== 'OnlineStore' && store !== 'OfflineStore')
        throw validationError(`TargetStores: '${String(store)}' is not a store; use OnlineStore or OfflineStore.`);
      if (stores.has(store)) throw validationError(`TargetStores lists ${store} twice.`);
      if (!all.includes(store))
        throw validationError(
          `TargetStores names ${store}, but feature group ${group.FeatureGroupName} has no ${store === 'OnlineStore' ? 'online' : 'offline'} store.`,
        );
      stores.add(store);
    }
    return [...stores];
  }

  private ttl(group: FeatureGroupDescription, raw: unknown, memberName = 'TtlDuration'): TtlDuration | undefined {
    if (raw === undefined) return undefined;
    const error = ttlDurationError(isObject(raw) ? raw : {});
    if (error) throw validationError(error.replace('TtlDuration', memberName));
    if (!hasOnlineStore(group)) throw validationError(`${memberName} applies to the online store, and feature group ${group.FeatureGroupName} has none.`);
    const ttl = raw as Json;
    return { Unit: ttl.Unit, Value: ttl.Value } as TtlDuration;
  }

  private expiresAtMs(group: FeatureGroupDescription, eventTimeNanos: bigint, ttl: TtlDuration | undefined): number | null {
    const applying = ttl ?? group.OnlineStoreConfig?.TtlDuration;
    if (!applying) return null;
    const expiresAt = computeExpiresAt(eventTimeNanos, applying);
    if (!expiresAt) throw validationError('EventTime + TtlDuration is beyond the latest date that can be stored; use a shorter TtlDuration.');
    return expiresAt.getTime();
  }

  private orderedFeatures(group: FeatureGroupDescription, values: Map<string, StoredFeatureValue>): StoredFeatureValue[] {
    const ordered: StoredFeatureValue[] = [];
    for (const definition of group.FeatureDefinitions) {
      const value = values.get(definition.FeatureName);
      if (value) ordered.push(value);
    }
    return ordered;
  }

  private appendOffline(group: FeatureGroupDescription, recordId: string, features: StoredFeatureValue[], isDeleted: boolean, invokedAt: Date): void {
    const columns: Record<string, string | string[] | boolean | null> = {};
    const byName = new Map(features.map((value) => [value.FeatureName, value]));
    for (const definition of group.FeatureDefinitions) {
      const value = byName.get(definition.FeatureName);
      columns[definition.FeatureName] = value ? (value.ValueAsStringList ?? value.ValueAsString ?? null) : null;
    }
    columns.write_time = this.now().toISOString();
    columns.api_invocation_time = invokedAt.toISOString();
    columns.is_deleted = isDeleted;
    this.db.appendOfflineRow({ groupName: group.FeatureGroupName, recordId, columns });
  }

  putRecord(groupNameOrArn: string, body: Json, invokedAt = this.now()): Record<string, never> {
    const group = this.groupForWrite(groupNameOrArn);
    this.write(group, body.Record, body.TargetStores, this.ttl(group, body.TtlDuration), invokedAt);
    return {};
  }

  private write(group: FeatureGroupDescription, rawRecord: unknown, rawTargetStores: unknown, ttl: TtlDuration | undefined, invokedAt: Date): void {
    const stores = this.targetStores(group, rawTargetStores);
    const validated = validateFeatureValues(group, rawRecord, 'Record');
    const { recordId, eventTimeNanos } = requireIdentifierAndEventTime(group, validated);
    const features = this.orderedFeatures(group, validated.values);
    this.db.transaction(() => {
      if (stores.includes('OnlineStore')) {
        let expiresAtMs: number | null | undefined;
        try {
          expiresAtMs = this.expiresAtMs(group, eventTimeNanos, ttl);
        } catch (error) {
          // An expiry beyond what can be stored fails only a write that would apply online.
          const storedEventTime = this.liveVersion(group, recordId);
          if (storedEventTime === undefined || eventTimeNanos >= storedEventTime) throw error;
        }
        // Older EventTime: historic, offline only, no error. Equal: replaces (see above).
        // One statement compares and writes (storage/database.ts).
        if (expiresAtMs !== undefined) {
          this.db.putOnlineRecordUnlessNewer(
            { groupName: group.FeatureGroupName, recordId, eventTimeNanos, features, expiresAtMs, softDeleted: false },
            this.now().getTime(),
          );
        }
      }
      if (stores.includes('OfflineStore')) this.appendOffline(group, recordId, features, false, invokedAt);
    });
  }

  getRecord(groupNameOrArn: string, query: Record<string, string[]>): RecordResult {
    const { group, recordId, featureNames, expiration } = this.getRecordRequest(groupNameOrArn, query);
    return this.readRecord(group, recordId, featureNames, expiration) ?? {};
  }

  /**
   * GetRecord's answer as JSON text, as getRecord's object would serialise: the whole record
   * (no FeatureName, no ExpiresAt asked for) is the stored features' JSON spliced in as it
   * is stored, never parsed and serialised again.
   */
  getRecordJson(groupNameOrArn: string, query: Record<string, string[]>): JsonText {
    const { group, recordId, featureNames, expiration } = this.getRecordRequest(groupNameOrArn, query);
    if (featureNames.length > 0 || expiration) return new JsonText(JSON.stringify(this.readRecord(group, recordId, featureNames, expiration) ?? {}));
    const stored = this.db.getOnlineRecordText(group.FeatureGroupName, recordId);
    if (!stored || stored.softDeleted || (stored.expiresAtMs !== null && stored.expiresAtMs <= this.now().getTime())) return new JsonText('{}');
    return new JsonText(`{"Record":${stored.featuresJson}}`);
  }

  private getRecordRequest(groupNameOrArn: string, query: Record<string, string[]>) {
    const group = this.groupForRead(groupNameOrArn);
    this.requireOnlineStore(group, 'GetRecord');
    const recordId = query.RecordIdentifierValueAsString?.[0];
    if (recordId === undefined) throw validationError('RecordIdentifierValueAsString is required.');
    checkIdentifierText(recordId);
    const featureNames = query.FeatureName ?? [];
    const expiration = this.expirationResponse(query.ExpirationTimeResponse?.[0]);
    this.checkFeatureNames(group, featureNames);
    return { group, recordId, featureNames, expiration };
  }

  /** ExpirationTimeResponse (its enum checked against the model by the wire layer). */
  private expirationResponse(value: unknown): boolean {
    return value === 'Enabled';
  }

  private checkFeatureNames(group: FeatureGroupDescription, featureNames: readonly unknown[]): void {
    for (const name of featureNames) {
      if (!group.FeatureDefinitions.some((d) => d.FeatureName === name)) {
        throw validationError(`FeatureName '${String(name)}' is not defined in feature group ${group.FeatureGroupName}.`);
      }
    }
  }

  private readRecord(group: FeatureGroupDescription, recordId: string, featureNames: readonly string[], expiration: boolean): RecordResult | undefined {
    const stored = this.liveRecord(group, recordId);
    if (!stored || stored.softDeleted) return undefined;
    const wanted = featureNames.length > 0 ? new Set(featureNames) : undefined;
    const record = wanted ? stored.features.filter((value) => wanted.has(value.FeatureName)) : stored.features;
    return {
      Record: record,
      ...(expiration && stored.expiresAtMs !== null ? { ExpiresAt: new Date(stored.expiresAtMs).toISOString() } : {}),
    };
  }

  deleteRecord(groupNameOrArn: string, query: Record<string, string[]>, invokedAt = this.now()): Record<string, never> {
    const group = this.groupForWrite(groupNameOrArn);
    const recordId = query.RecordIdentifierValueAsString?.[0];
    if (recordId === undefined || recordId === '') throw validationError('RecordIdentifierValueAsString is required.');
    checkIdentifierText(recordId);
    const eventTimeText = query.EventTime?.[0];
    if (eventTimeText === undefined) throw validationError('EventTime is required: the delete is ordered against the stored record by it.');
    const eventTimeType =
      group.FeatureDefinitions.find((d) => d.FeatureName === group.EventTimeFeatureName)?.FeatureType === 'Fractional' ? 'Fractional' : 'String';
    const parsed = parseEventTime(eventTimeType, eventTimeText);
    if (!parsed.ok) throw validationError(`EventTime: ${parsed.message}`);
    // DeletionMode's enum is the model's, checked by the wire layer.
    const mode = query.DeletionMode?.[0] ?? 'SoftDelete';
    const stores = this.targetStores(group, query.TargetStores);

    const marker: StoredFeatureValue[] = [
      { FeatureName: group.RecordIdentifierFeatureName, ValueAsString: recordId },
      { FeatureName: group.EventTimeFeatureName, ValueAsString: eventTimeText },
    ];
    this.db.transaction(() => {
      if (stores.includes('OnlineStore')) {
        const stored = this.liveRecord(group, recordId);
        const newer = stored !== undefined && parsed.nanos > stored.eventTimeNanos;
        if (stored && mode === 'HardDelete') {
          if (!newer) {
            throw validationError(
              `HardDelete needs an EventTime later than the stored record's; record ${recordId} in ${group.FeatureGroupName} has a newer or equal EventTime than ${eventTimeText}.`,
            );
          }
          this.db.deleteOnlineRecord(group.FeatureGroupName, recordId);
        } else if (stored && newer) {
          this.db.putOnlineRecord({
            ...stored,
            eventTimeNanos: parsed.nanos,
            features: this.orderedFeatures(group, new Map(marker.map((v) => [v.FeatureName, v]))),
            softDeleted: true,
          });
        }
      }
      if (stores.includes('OfflineStore')) this.appendOffline(group, recordId, marker, true, invokedAt);
    });
    return {};
  }

  updateRecord(groupNameOrArn: string, body: Json, invokedAt = this.now()): Record<string, never> {
    const group = this.groupForRead(groupNameOrArn);
    this.requireOnlineStore(group, 'UpdateRecord');
    const storageType = onlineStorageType(group);
    if (storageType === 'Standard') {
      throw validationError(
        `UpdateRecord needs an online store of StorageType Standard_V2 or InMemory; feature group ${group.FeatureGroupName} uses Standard. Use PutRecord with the full record.`,
      );
    }
    const recordId = body.RecordIdentifierValueAsString;
    if (typeof recordId !== 'string' || recordId === '') throw validationError('RecordIdentifierValueAsString is required.');
    checkIdentifierText(recordId);
    if (Array.isArray(body.Features) && body.Features.length > MAX_UPDATE_FEATURES) {
      throw validationError(`UpdateRecord changes at most ${MAX_UPDATE_FEATURES} features per call; this request has ${body.Features.length}.`);
    }
    const validated: ValidatedFeatures = validateFeatureValues(group, body.Features, 'Features');
    if (validated.values.has(group.RecordIdentifierFeatureName)) {
      throw validationError(
        `Features cannot include the record identifier '${group.RecordIdentifierFeatureName}'; name the record with RecordIdentifierValueAsString.`,
      );
    }
    const stores = this.targetStores(group, body.TargetStores);
    if (!stores.includes('OnlineStore')) throw validationError('UpdateRecord must target the OnlineStore: it changes the online record.');
    const ttl = this.ttl(group, body.TtlDuration);
    if (ttl && validated.eventTimeNanos === undefined) {
      throw validationError(`TtlDuration needs an EventTime: include the event time feature '${group.EventTimeFeatureName}' in Features.`);
    }

    this.db.transaction(() => {
      const stored = this.liveRecord(group, recordId);
      if (!stored || stored.softDeleted) {
        throw resourceNotFound(`Record ${recordId} does not exist in feature group ${group.FeatureGroupName} (never written, expired, or deleted).`);
      }
      const eventTimeNanos = validated.eventTimeNanos ?? stored.eventTimeNanos;
      if (eventTimeNanos < stored.eventTimeNanos) {
        throw conflictException(
          `The EventTime ${validated.eventTimeText ?? ''} is older than the stored record's EventTime; someone wrote a newer version of record ${recordId}.`,
        );
      }
      const merged = new Map(stored.features.map((value) => [value.FeatureName, value]));
      for (const [name, value] of validated.values) merged.set(name, value);
      const features = this.orderedFeatures(group, merged);
      const expiresAtMs = ttl ? this.expiresAtMs(group, eventTimeNanos, ttl) : stored.expiresAtMs;
      this.db.putOnlineRecord({ ...stored, eventTimeNanos, features, expiresAtMs });
      if (stores.includes('OfflineStore')) this.appendOffline(group, recordId, features, false, invokedAt);
    });
    return {};
  }

  listRecords(groupNameOrArn: string, body: Json): { RecordIdentifiers: string[]; NextToken?: string } {
    const group = this.groupForRead(groupNameOrArn);
    this.requireOnlineStore(group, 'ListRecords');
    // MaxResults (1-100), NextToken (1-8192) and IncludeSoftDeletedRecords' type: checked by the wire layer.
    const maxResults = (body.MaxResults as number | undefined) ?? 100;
    // A token names its group: another group's token is refused (decision; AWS's tokens are
    // opaque, and a token carried to another group would silently skip its records).
    const token = decodeKeyToken(body.NextToken, 'NextToken', validationError);
    const prefix = `${group.FeatureGroupName}\0`;
    if (token !== null && !token.startsWith(prefix)) {
      throw validationError(`The NextToken was returned for another feature group: pass it with the FeatureGroupName of the call that returned it.`);
    }
    const after = token === null ? null : token.slice(prefix.length);
    const ids = this.db.listOnlineRecordIds(group.FeatureGroupName, after, maxResults + 1, body.IncludeSoftDeletedRecords === true, this.now().getTime());
    const page = ids.slice(0, maxResults);
    const last = page[page.length - 1];
    return { RecordIdentifiers: page, ...(ids.length > maxResults && last !== undefined ? { NextToken: encodePageToken(prefix + last) } : {}) };
  }

  /**
   * The request has passed the model's checks in the wire layer (1-100 identifiers, each a
   * valid group name or ARN with 1-100 record identifiers, FeatureNames 1 or more valid
   * names); what is left is the limit across identifiers and each entry's semantics.
   */
  batchGetRecord(body: Json) {
    const identifiers = body.Identifiers as Json[];
    const expiration = this.expirationResponse(body.ExpirationTimeResponse);
    let total = 0;
    for (const entry of identifiers) total += (entry.RecordIdentifiersValueAsString as string[]).length;
    if (total > MAX_BATCH_GET_IDENTIFIERS)
      throw validationError(`BatchGetRecord reads at most ${MAX_BATCH_GET_IDENTIFIERS} records per call; this request asks for ${total}.`);

    const Records: Json[] = [];
    const Errors: Json[] = [];
    for (const entry of identifiers) {
      const groupName = entry.FeatureGroupName as string;
      const ids = entry.RecordIdentifiersValueAsString as string[];
      const featureNames = Array.isArray(entry.FeatureNames) ? (entry.FeatureNames as string[]) : [];
      const group = this.groups.find(groupName);
      // The result names the group (BatchGetRecordResultDetail.FeatureGroupName: "the
      // FeatureGroupName"), also when it was asked for by ARN.
      const echoed = group?.FeatureGroupName ?? groupName.slice(groupName.lastIndexOf('/') + 1);
      const groupError = !group
        ? { ErrorCode: 'ResourceNotFound', ErrorMessage: `Resource Not Found: Amazon SageMaker can't find a FeatureGroup with name ${groupName}` }
        : group.FeatureGroupStatus !== 'Created'
          ? { ErrorCode: 'ValidationError', ErrorMessage: `Feature group ${groupName} is ${group.FeatureGroupStatus}.` }
          : !hasOnlineStore(group)
            ? { ErrorCode: 'ValidationError', ErrorMessage: `Feature group ${groupName} has no online store.` }
            : undefined;
      for (const id of ids) {
        if (groupError || !group) {
          Errors.push({ FeatureGroupName: echoed, RecordIdentifierValueAsString: id, ...groupError });
          continue;
        }
        try {
          checkIdentifierText(id);
          this.checkFeatureNames(group, featureNames);
          const result = this.readRecord(group, id, featureNames, expiration);
          if (result) Records.push({ FeatureGroupName: echoed, RecordIdentifierValueAsString: id, ...result });
        } catch (error) {
          if (!(error instanceof ServiceError)) throw error;
          Errors.push({ FeatureGroupName: echoed, RecordIdentifierValueAsString: id, ErrorCode: error.errorName, ErrorMessage: error.message });
        }
      }
    }
    return { Records, Errors, UnprocessedIdentifiers: [] };
  }

  /**
   * A request that violates the service model (1-25 entries, each with a valid
   * FeatureGroupName and a non-empty Record of valid feature names, 1-2 TargetStores, a
   * TtlDuration of a known Unit and a Value of at least 1) was rejected whole by the wire
   * layer, before anything is written, as AWS's request validation does; only semantic
   * failures of well-formed entries are reported per entry.
   */
  batchWriteRecord(body: Json, invokedAt = this.now()) {
    const entries = body.Entries as Json[];
    if (body.TtlDuration !== undefined) {
      const error = ttlDurationError(isObject(body.TtlDuration) ? body.TtlDuration : {});
      if (error) throw validationError(error);
    }
    const Errors: Json[] = [];
    // One transaction for the call, each entry a unit of its own within it: an entry that
    // fails leaves nothing behind and the others stand; the call commits once (one WAL
    // write for all of its entries) before it answers, or, when the commit itself fails,
    // nothing is committed and the call fails whole.
    this.db.transaction(() => {
      for (const entry of entries) {
        try {
          const group = this.groupForWrite(entry.FeatureGroupName as string);
          // The entry's TtlDuration overrides the request's, which overrides the group default.
          const ttl = this.ttl(group, entry.TtlDuration) ?? (hasOnlineStore(group) ? this.ttl(group, body.TtlDuration) : undefined);
          this.db.unit(() => this.write(group, entry.Record, entry.TargetStores, ttl, invokedAt));
        } catch (error) {
          // Every entry's outcome goes into the response; an unexpected failure of one entry
          // is that entry's InternalFailure, never a 500 for a call whose other entries were
          // committed (the SDK would retry the whole call and write them again).
          const named = error instanceof ServiceError ? error : new ServiceError('InternalFailure', 500, 'The entry could not be written.');
          Errors.push({ Entry: entry, ErrorCode: named.errorName, ErrorMessage: named.message });
        }
      }
    });
    return { Errors, UnprocessedEntries: [] };
  }

  offlineRows(groupName: string) {
    return this.db.listOfflineRows(groupName);
  }

  purgeExpired(): number {
    return this.db.purgeExpiredOnlineRecords(this.now().getTime());
  }
}

/** A looked-up identifier with a lone surrogate would match a different stored one: refuse it. */
function checkIdentifierText(recordId: string): void {
  const problem = unpairedSurrogateError(recordId);
  if (problem) throw validationError(`RecordIdentifierValueAsString: ${problem}`);
}

/**
 * Records need a group in Created status. Decision (AWS documents no error for this): a
 * group still Creating or already Deleting answers ValidationError naming its status.
 */
function requireCreated(group: FeatureGroupDescription): FeatureGroupDescription {
  if (group.FeatureGroupStatus !== 'Created') {
    throw validationError(`Feature group ${group.FeatureGroupName} is ${group.FeatureGroupStatus}: records can be read and written once it is Created.`);
  }
  return group;
}
