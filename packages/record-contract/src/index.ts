/**
 * The record contract of Amazon SageMaker Feature Store: limits, value codecs, event time,
 * time to live and whole-record rules, as one set of pure functions. The console
 * (form, import) and the local Feature Store validate with this code, so both accept and
 * refuse exactly the same records, with the same messages.
 */
export * from './limits.js';
export * from './values.js';
export * from './eventTime.js';
export * from './ttl.js';
export * from './recordRules.js';
