/**
 * Delete told up front from config.json's roles: readers and support may not delete (the
 * reason is shown next to the disabled button); writers may, and so may a role the
 * configuration does not describe (AWS decides, and its refusal is shown in words).
 */
import { describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { writeAccess, type RoleCapabilitiesLike } from '../domain/writeAccess';
import { customersSchema } from '../domain/testSchemas';
import { buildFeatureGroupSchema } from '../domain/schema';

vi.mock('../aws/writeAccess', () => ({ useWriteAccess: () => ({ kind: 'all' }) }));
const { DeleteAccessNote, deleteAccessOf } = await import('./DeleteAccessNote');

const group = (name: string) => ({
  FeatureGroupName: name,
  FeatureGroupArn: `arn:aws:sagemaker:us-east-1:000000000000:feature-group/${name}`,
  FeatureGroupStatus: 'Created' as const,
});
const transactionsSchema = buildFeatureGroupSchema({
  ...group('transactions'),
  RecordIdentifierFeatureName: 'transaction_id',
  EventTimeFeatureName: 'event_timestamp',
  FeatureDefinitions: [
    { FeatureName: 'transaction_id', FeatureType: 'String' as const },
    { FeatureName: 'event_timestamp', FeatureType: 'Fractional' as const },
    { FeatureName: 'fraud_score', FeatureType: 'Fractional' as const },
  ],
  OnlineStoreConfig: { EnableOnlineStore: true, StorageType: 'Standard_V2' as const },
});

const none: RoleCapabilitiesLike = { writeGroups: [], readOnlyGroups: [], updatableFeatures: {} };
const support: RoleCapabilitiesLike = {
  ...none,
  updatableFeatures: { transactions: ['fraud_score', 'event_timestamp'], customers: ['segment', 'event_time'] },
};
const writers: RoleCapabilitiesLike = { writeGroups: ['*'], readOnlyGroups: ['exchange-rates'], updatableFeatures: {} };

describe('who may delete', () => {
  it('a reader may not, and is told why', () => {
    expect(deleteAccessOf(writeAccess(none, 'Reader', customersSchema, false))).toEqual({
      allowed: false,
      reason: 'Read-only: your role (Reader) may read records of customers but not write them.',
    });
  });

  it('support may not, on a group where it changes features (Standard_V2) nor on a Standard one', () => {
    const v2 = deleteAccessOf(writeAccess(support, 'Support', transactionsSchema, false));
    expect(v2).toMatchObject({ allowed: false, reason: expect.stringContaining('it may not write new records, import or delete') });
    const standard = deleteAccessOf(writeAccess(support, 'Support', customersSchema, false));
    expect(standard).toMatchObject({ allowed: false, reason: expect.stringContaining('or delete them') });
  });

  it('a writer may, but not on a reference group; a role the configuration does not describe may try', () => {
    expect(deleteAccessOf(writeAccess(writers, 'Writer', customersSchema, false))).toEqual({ allowed: true });
    const reference = buildFeatureGroupSchema({ ...group('exchange-rates'), ...referenceShape() });
    expect(deleteAccessOf(writeAccess(writers, 'Writer', reference, false))).toMatchObject({ allowed: false, reason: expect.stringContaining('only admins') });
    expect(deleteAccessOf(writeAccess(undefined, 'Writer', customersSchema, false))).toEqual({ allowed: true });
  });

  it('the note says it in words, with the id the button is described by; nothing when deleting is allowed', () => {
    const html = renderToStaticMarkup(<DeleteAccessNote id="delete-access" access={{ allowed: false, reason: 'Read-only: because.' }} />);
    expect(html).toContain('id="delete-access"');
    expect(html).toContain('You may not delete records here. Read-only: because.');
    expect(renderToStaticMarkup(<DeleteAccessNote id="x" access={{ allowed: true }} />)).toBe('');
  });
});

function referenceShape() {
  return {
    RecordIdentifierFeatureName: 'currency_pair',
    EventTimeFeatureName: 'as_of',
    FeatureDefinitions: [
      { FeatureName: 'currency_pair', FeatureType: 'String' as const },
      { FeatureName: 'as_of', FeatureType: 'Fractional' as const },
    ],
    OnlineStoreConfig: { EnableOnlineStore: true, StorageType: 'Standard' as const },
  };
}
