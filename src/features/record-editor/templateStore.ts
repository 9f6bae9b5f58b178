/**
 * Where templates live. The panel talks to this small interface only; the storage module
 * (src/storage, IndexedDB, keyed by environment and user) provides the real one. Until
 * its templates API lands, `browserTemplateStore` keeps them in localStorage per
 * environment and group, validated on read; switching is a one-line change in
 * `templateStoreFor`.
 */
import { environmentKey, type RuntimeConfig } from '../../aws/config';
import { recordTemplateSchema, type RecordTemplate } from '../../domain/templates';

export interface TemplateStore {
  /** The group's templates, by name. Entries that fail validation are skipped and counted. */
  list(group: string): Promise<{ templates: RecordTemplate[]; skipped: number }>;
  /** Adds or replaces (by name) a template. Rejects when storage refuses (full, disabled). */
  save(template: RecordTemplate): Promise<void>;
  remove(group: string, name: string): Promise<void>;
}

function browserTemplateStore(config: RuntimeConfig): TemplateStore {
  const key = (group: string) => `featurestore-console:templates:v1:${environmentKey(config)}:${group}`;
  const read = (group: string): { templates: RecordTemplate[]; skipped: number } => {
    const raw = localStorage.getItem(key(group));
    if (!raw) return { templates: [], skipped: 0 };
    let data: unknown;
    try {
      data = JSON.parse(raw);
    } catch {
      return { templates: [], skipped: 1 };
    }
    const templates: RecordTemplate[] = [];
    let skipped = 0;
    for (const entry of Array.isArray(data) ? data : []) {
      const parsed = recordTemplateSchema.safeParse(entry);
      if (parsed.success && parsed.data.group === group) templates.push(parsed.data);
      else skipped += 1;
    }
    return { templates: templates.sort((a, b) => a.name.localeCompare(b.name)), skipped };
  };
  const write = (group: string, templates: RecordTemplate[]) => localStorage.setItem(key(group), JSON.stringify(templates));
  return {
    list: async (group) => read(group),
    save: async (template) => {
      const { templates } = read(template.group);
      write(template.group, [...templates.filter((other) => other.name !== template.name), template]);
    },
    remove: async (group, name) => {
      const { templates } = read(group);
      write(
        group,
        templates.filter((other) => other.name !== name),
      );
    },
  };
}

const stores = new WeakMap<RuntimeConfig, TemplateStore>();

export function templateStoreFor(config: RuntimeConfig): TemplateStore {
  let store = stores.get(config);
  if (!store) {
    store = browserTemplateStore(config);
    stores.set(config, store);
  }
  return store;
}
