/**
 * Record templates per scope and feature group: list, get, put (add or replace by
 * name), delete. Validated on read with the domain's template schema; rows that fail
 * are skipped and counted.
 */
import { recordTemplateSchema, type RecordTemplate } from '../domain/templates';
import { database } from './database';
import { attempt, type StorageResult } from './result';
import { scopeKey, type StorageScope } from './scope';

function validTemplate(value: unknown, group: string): RecordTemplate | undefined {
  const parsed = recordTemplateSchema.safeParse(value);
  return parsed.success && parsed.data.group === group ? (parsed.data as RecordTemplate) : undefined;
}

/** The group's templates sorted by name, and how many stored rows were skipped as invalid. */
export function listTemplates(scope: StorageScope, group: string): Promise<StorageResult<{ templates: RecordTemplate[]; skipped: number }>> {
  return attempt(async () => {
    const key = scopeKey(scope);
    const rows = await (await database()).getAllFromIndex('templates', 'byGroup', [key, group]);
    const templates: RecordTemplate[] = [];
    let skipped = 0;
    for (const row of rows) {
      const template = validTemplate(row.template, group);
      if (template) templates.push(template);
      else skipped += 1;
    }
    return { templates: templates.sort((a, b) => a.name.localeCompare(b.name)), skipped };
  });
}

export function getTemplate(scope: StorageScope, group: string, name: string): Promise<StorageResult<RecordTemplate | undefined>> {
  return attempt(async () => {
    const row = await (await database()).get('templates', [scopeKey(scope), group, name]);
    return row ? validTemplate(row.template, group) : undefined;
  });
}

export function putTemplate(scope: StorageScope, template: RecordTemplate): Promise<StorageResult<undefined>> {
  return attempt(async () => {
    await (await database()).put('templates', { scope: scopeKey(scope), group: template.group, name: template.name, template });
    return undefined;
  });
}

export function deleteTemplate(scope: StorageScope, group: string, name: string): Promise<StorageResult<undefined>> {
  return attempt(async () => {
    await (await database()).delete('templates', [scopeKey(scope), group, name]);
    return undefined;
  });
}
