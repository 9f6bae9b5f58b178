import { describe, expect, it } from 'vitest';
import type { AwsApi } from '../../aws/api';
import { customersSchema } from '../../domain/testSchemas';
import { exportWholeGroup } from './loadRows';
import { searchGroup, type SearchProgress } from './searchGroup';

/** A group of `ids` behind ListRecords (pages in the given order, not sorted) and BatchGetRecord; counts the calls. */
function fakeApi(ids: string[], softDeleted: ReadonlySet<string> = new Set()) {
  const calls = { list: 0, batchGet: [] as string[][] };
  const api = {
    listRecords: async (_group: string, input: { nextToken?: string; includeSoftDeleted: boolean; maxResults?: number }) => {
      calls.list += 1;
      const visible = input.includeSoftDeleted ? ids : ids.filter((id) => !softDeleted.has(id));
      const from = Number(input.nextToken ?? '0');
      const to = from + (input.maxResults ?? 100);
      return { recordIds: visible.slice(from, to), ...(to < visible.length ? { nextToken: String(to) } : {}) };
    },
    batchGetRecord: async (_group: string, recordIds: string[]) => {
      calls.batchGet.push(recordIds);
      return {
        records: recordIds
          .filter((id) => !softDeleted.has(id))
          .map((id) => ({
            recordId: id,
            record: [
              { FeatureName: 'customer_id', ValueAsString: id },
              { FeatureName: 'segment', ValueAsString: `seg ${id}` },
            ],
          })),
        errors: [],
        unprocessed: [],
        requestIds: [],
      };
    },
  } as unknown as AwsApi;
  return { api, calls };
}

// 350 identifiers in a scrambled order: the matches are spread over every page.
const ids = Array.from({ length: 350 }, (_, i) => (i % 50 === 7 ? `Z-${i}` : `A-${i}`)).sort(
  (a, b) => ((a.length * 31 + a.charCodeAt(2)) % 7) - ((b.length * 31 + b.charCodeAt(2)) % 7) || a.localeCompare(b),
);

describe('searchGroup', () => {
  it('reads every page and reports each match with its values as its page is searched', async () => {
    const { api, calls } = fakeApi(ids, new Set(['Z-107']));
    const progress: SearchProgress[] = [];
    const end = await searchGroup(api, 'g', {
      prefix: 'Z-',
      includeSoftDeleted: true,
      signal: new AbortController().signal,
      onProgress: (p) => progress.push(p),
    });
    expect(end).toEqual({ kind: 'complete' });
    expect(calls.list).toBe(4);
    expect(progress.map((p) => p.searched)).toEqual([100, 200, 300, 350]);
    const found = progress.flatMap((p) => p.found);
    expect(found.map((row) => row.recordId).sort()).toEqual(['Z-107', 'Z-157', 'Z-207', 'Z-257', 'Z-307', 'Z-57', 'Z-7']);
    expect(found.find((row) => row.recordId === 'Z-7')?.record).toContainEqual({ FeatureName: 'segment', ValueAsString: 'seg Z-7' });
    expect(found.find((row) => row.recordId === 'Z-107')).toEqual({ recordId: 'Z-107', softDeleted: true });
    // Only matching identifiers are read with BatchGetRecord.
    expect(calls.batchGet.flat().every((id) => id.startsWith('Z-'))).toBe(true);
  });

  it('stops before the next call when cancelled, and says how much it searched', async () => {
    const { api, calls } = fakeApi(ids);
    const controller = new AbortController();
    const progress: SearchProgress[] = [];
    const end = await searchGroup(api, 'g', {
      prefix: 'Z-',
      includeSoftDeleted: false,
      signal: controller.signal,
      onProgress: (p) => {
        progress.push(p);
        if (p.pages === 2) controller.abort();
      },
    });
    expect(end).toEqual({ kind: 'cancelled' });
    expect(calls.list).toBe(2);
    expect(progress.at(-1)?.searched).toBe(200);
  });

  it('keeps at most maxMatches matches and says it stopped there', async () => {
    const { api } = fakeApi(ids);
    const found: string[] = [];
    const end = await searchGroup(api, 'g', {
      prefix: 'A-',
      includeSoftDeleted: false,
      signal: new AbortController().signal,
      maxMatches: 150,
      onProgress: (p) => found.push(...p.found.map((row) => row.recordId)),
    });
    expect(end).toEqual({ kind: 'limit' });
    expect(found).toHaveLength(150);
  });
});

describe('exportWholeGroup', () => {
  it('writes the CSV header and then the rows, with no empty line between them', async () => {
    const { api } = fakeApi(['C-1', 'C-2']);
    const { blob } = await exportWholeGroup(api, customersSchema, {
      format: 'csv',
      includeSoftDeleted: false,
      signal: new AbortController().signal,
      onProgress: () => {},
    });
    const text = await blob.text();
    expect(text.split('\r\n')).toEqual([
      'customer_id,event_time,ExpiresAt,age,lifetime_value,segment,SoftDeleted',
      'C-1,,,,,seg C-1,false',
      'C-2,,,,,seg C-2,false',
      '',
    ]);
  });
});
