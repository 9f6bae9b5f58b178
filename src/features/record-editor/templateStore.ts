/**
 * Where templates live: the storage module (src/storage, IndexedDB, keyed by environment
 * and signed-in user, validated on read). The panel talks to this small interface only.
 * Storage never throws; a failure becomes an Error here so the panel can say "not saved:
 * storage full" and keep the form as it is.
 */
import type { RuntimeConfig } from '../../aws/config';
import { storageScopeFor } from '../../aws/storageScope';
import type { RecordTemplate } from '../../domain/templates';
import { deleteTemplate, listTemplates, putTemplate, type StorageResult } from '../../storage';

export interface TemplateStore {
  /** The group's templates, by name. Entries that fail validation are skipped and counted. */
  list(group: string): Promise<{ templates: RecordTemplate[]; skipped: number }>;
  /** Adds or replaces (by name) a template. Rejects when storage refuses (full, unavailable). */
  save(template: RecordTemplate): Promise<void>;
  remove(group: string, name: string): Promise<void>;
}

function unwrap<T>(result: StorageResult<T>): T {
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

/** Templates of this environment, for the user signed in at the time of each call. */
export function templateStoreFor(config: RuntimeConfig): TemplateStore {
  return {
    list: async (group) => unwrap(await listTemplates(storageScopeFor(config), group)),
    save: async (template) => unwrap(await putTemplate(storageScopeFor(config), template)),
    remove: async (group, name) => unwrap(await deleteTemplate(storageScopeFor(config), group, name)),
  };
}
