/**
 * The console's local storage: one IndexedDB database (database.ts), every row keyed by
 * environment and signed-in user (scope.ts), validated on read, and never throwing
 * into a caller: every function resolves to a StorageResult (result.ts).
 */
export { GUEST_USER, scopeKey, type StorageScope } from './scope';
export { storageFailure, type StorageFailure, type StorageResult } from './result';
export {
  appendHistory,
  clearHistory,
  countHistory,
  exportHistory,
  historyGroups,
  readHistoryPage,
  subscribeHistory,
  HISTORY_OPERATIONS,
  HISTORY_OUTCOMES,
  MAX_HISTORY_ENTRIES,
  MAX_HISTORY_SIZE,
  MAX_IMPORT_FAILURES_KEPT,
  type BulkImportSummary,
  type HistoryEntry,
  type HistoryFilter,
  type HistoryOperation,
  type HistoryOutcome,
  type HistoryPage,
  type NewHistoryEntry,
} from './history';
export { discardDraft, loadDraft, nextDraftSeq, saveDraft, type StoredDraft } from './drafts';
export { deleteTemplate, getTemplate, listTemplates, putTemplate } from './templates';
export { readPreference, writePreference } from './preferences';
export { persistInFlightWrites } from './journal';
export { discardImportProgress, importKey, listInterruptedImports, loadImportProgress, saveImportProgress, type ImportProgress } from './imports';
