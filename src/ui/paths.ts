/**
 * The console's URLs. Group names travel in the path (their characters are safe);
 * record identifiers, which may hold any character, travel in the query string.
 */
export const groupPath = (group: string) => `/groups/${encodeURIComponent(group)}`;
export const recordsPath = (group: string) => `${groupPath(group)}/records`;
export const tablePath = (group: string) => `${groupPath(group)}/table`;
export const importPath = (group: string) => `${groupPath(group)}/import`;
/** The write page, starting a new record from a stored one. */
export const duplicatePath = (group: string, recordId: string) => `${groupPath(group)}?${new URLSearchParams({ from: recordId }).toString()}`;
export const recordPath = (group: string, recordId: string, extra: Record<string, string> = {}) =>
  `${groupPath(group)}/record?${new URLSearchParams({ id: recordId, ...extra }).toString()}`;
export const recordEditPath = (group: string, recordId: string, extra: Record<string, string> = {}) =>
  `${groupPath(group)}/record/edit?${new URLSearchParams({ id: recordId, ...extra }).toString()}`;
/** A record's versions from the offline store (through Athena). */
export const recordHistoryPath = (group: string, recordId: string) => `${groupPath(group)}/record/history?${new URLSearchParams({ id: recordId }).toString()}`;

/** A path parameter as the user meant it; wouter has already applied decodeURI. */
export function decodePathParam(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
