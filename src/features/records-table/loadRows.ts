/**
 * Reading a group page by page for the table and for the export of a whole group:
 * ListRecords (100 identifiers per page, the most AWS allows) filled with one
 * BatchGetRecord call (100 identifiers per call). Identifiers BatchGetRecord leaves
 * unprocessed are asked for again, a bounded number of times, then reported.
 */
import type { AwsApi, BatchRecordResult } from '../../aws/api';
import type { CsvStyle } from '../../domain/csvCell';
import type { FeatureGroupSchema } from '../../domain/schema';
import { allColumns, joinPage, rowsToCsv, rowsToJsonLines, type ExportFormat, type TableRow } from './tableRows';

export const TABLE_PAGE_SIZE = 100;
const UNPROCESSED_RETRIES = 3;

export interface TablePage {
  rows: TableRow[];
  nextToken?: string;
}

export async function batchGetAll(api: AwsApi, group: string, recordIds: string[]): Promise<BatchRecordResult> {
  const result = await api.batchGetRecord(group, recordIds);
  let unprocessed = result.unprocessed;
  for (let attempt = 0; attempt < UNPROCESSED_RETRIES && unprocessed.length > 0; attempt += 1) {
    const retry = await api.batchGetRecord(group, unprocessed);
    result.records.push(...retry.records);
    result.errors.push(...retry.errors);
    result.requestIds.push(...retry.requestIds);
    unprocessed = retry.unprocessed;
  }
  for (const recordId of unprocessed)
    result.errors.push({ recordId, errorCode: 'Unprocessed', message: `BatchGetRecord left it unprocessed ${UNPROCESSED_RETRIES + 1} times.` });
  result.unprocessed = [];
  return result;
}

export async function loadTablePage(api: AwsApi, group: string, nextToken: string, includeSoftDeleted: boolean): Promise<TablePage> {
  const listed = await api.listRecords(group, { includeSoftDeleted, maxResults: TABLE_PAGE_SIZE, ...(nextToken ? { nextToken } : {}) });
  const batch = listed.recordIds.length > 0 ? await batchGetAll(api, group, listed.recordIds) : { records: [], errors: [], unprocessed: [], requestIds: [] };
  return { rows: joinPage(listed.recordIds, batch, includeSoftDeleted), ...(listed.nextToken ? { nextToken: listed.nextToken } : {}) };
}

export interface ExportProgress {
  records: number;
  pages: number;
}

/**
 * Every record of the group, every column, page by page. Each page becomes a Blob part at
 * once, so the text of earlier pages is not kept as JavaScript strings (the browser may
 * keep large Blobs on disk). Stops between pages when the signal aborts.
 */
export async function exportWholeGroup(
  api: AwsApi,
  schema: FeatureGroupSchema,
  options: {
    format: ExportFormat;
    csvStyle?: CsvStyle;
    includeSoftDeleted: boolean;
    signal: AbortSignal;
    onProgress: (progress: ExportProgress) => void;
  },
): Promise<{ blob: Blob; records: number }> {
  const columns = allColumns(schema);
  const parts: Blob[] = [];
  const type = options.format === 'csv' ? 'text/csv' : 'application/x-ndjson';
  let token = '';
  const progress: ExportProgress = { records: 0, pages: 0 };
  const csvStyle = options.csvStyle ?? 'exact';
  if (options.format === 'csv') parts.push(new Blob([rowsToCsv(schema, [], columns, true, csvStyle)]));
  do {
    if (options.signal.aborted) throw new DOMException('Export cancelled', 'AbortError');
    const page = await loadTablePage(api, schema.name, token, options.includeSoftDeleted);
    const text = options.format === 'csv' ? rowsToCsv(schema, page.rows, columns, false, csvStyle) : rowsToJsonLines(schema, page.rows, columns);
    if (text) parts.push(new Blob([text]));
    progress.records += page.rows.length;
    progress.pages += 1;
    options.onProgress({ ...progress });
    token = page.nextToken ?? '';
  } while (token);
  return { blob: new Blob(parts, { type }), records: progress.records };
}
