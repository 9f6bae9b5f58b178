/** The record contract lives in packages/record-contract (shared with the local Feature Store); the console imports it from here. */
export * from 'featurestore-record-contract/eventTime';
