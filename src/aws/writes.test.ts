import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RuntimeConfig } from './config';
import { AwsCallError } from './errors';

// Module boundaries faked: the AWS API and the storage module.
const api = { putRecord: vi.fn(), updateRecord: vi.fn(), deleteRecord: vi.fn() };
vi.mock('./api', () => ({ getAwsApi: async () => api }));
const appendHistory = vi.fn();
vi.mock('../storage', () => ({ appendHistory: (...args: unknown[]) => appendHistory(...args), GUEST_USER: 'guest', MAX_IMPORT_FAILURES_KEPT: 2 }));

const { recordImportHistory, sendWrite } = await import('./writes');

const config: RuntimeConfig = { region: 'us-east-1', identityPoolId: 'us-east-1:00000000-0000-0000-0000-000000000000' };
const put = {
  operation: 'PutRecord' as const,
  recordId: 'C-1',
  input: { FeatureGroupName: 'customers', Record: [{ FeatureName: 'id', ValueAsString: 'C-1' }] },
};
const forbidden = () => Object.assign(new Error('User is not authorized'), { name: 'AccessForbidden', $metadata: { httpStatusCode: 403, requestId: 'req-9' } });

describe('sendWrite', () => {
  beforeEach(() => {
    vi.resetAllMocks();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('a success whose history entry is not kept stays a success, with the warning', async () => {
    api.putRecord.mockResolvedValue({ requestId: 'req-1' });
    appendHistory.mockResolvedValue({ ok: false, reason: 'full', message: 'storage full' });
    await expect(sendWrite(config, put)).resolves.toMatchObject({ requestId: 'req-1', historyWarning: 'not recorded in history: storage full' });
    expect(api.putRecord).toHaveBeenCalledTimes(1);
  });

  it('a success is recorded once, after the call, with no warning', async () => {
    api.putRecord.mockResolvedValue({ requestId: 'req-1' });
    appendHistory.mockResolvedValue({ ok: true, value: {} });
    const done = await sendWrite(config, put);
    expect(done.historyWarning).toBeUndefined();
    expect(appendHistory).toHaveBeenCalledWith(
      { environment: 'us-east-1|aws', user: 'guest' },
      expect.objectContaining({ outcome: 'success', requestId: 'req-1' }),
    );
  });

  it('even storage that throws or never answers does not change a success', async () => {
    api.putRecord.mockResolvedValue({ requestId: 'req-1' });
    appendHistory.mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    await expect(sendWrite(config, put)).resolves.toMatchObject({ requestId: 'req-1', historyWarning: 'not recorded in history' });

    vi.useFakeTimers();
    appendHistory.mockReturnValue(new Promise(() => {}));
    const pending = sendWrite(config, put);
    await vi.advanceTimersByTimeAsync(5_000);
    await expect(pending).resolves.toMatchObject({ historyWarning: 'not recorded in history: browser storage did not answer' });
  });

  it('a failed call rejects with the AWS error, never a storage error, and records it', async () => {
    api.putRecord.mockRejectedValue(forbidden());
    appendHistory.mockResolvedValue({ ok: false, reason: 'full', message: 'storage full' });
    const error = await sendWrite(config, put).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AwsCallError);
    expect(error).toMatchObject({ kind: 'forbidden', name: 'AccessForbidden', requestId: 'req-9', operation: 'PutRecord', group: 'customers' });
    expect(appendHistory).toHaveBeenCalledWith(
      expect.anything(),
      expect.objectContaining({ outcome: 'error', errorName: 'AccessForbidden', errorKind: 'forbidden' }),
    );
  });

  it('keeps one entry per import: an error when rows failed, with the first failures only', async () => {
    appendHistory.mockResolvedValue({ ok: true, value: {} });
    const failures = [1, 2, 3].map((row) => ({ row, errorCode: 'ValidationError', message: 'bad' }));
    const bulkImport = { source: 'a.csv', rows: 10, written: 7, failed: 3, invalid: 0, notWritten: 0, cancelled: false, writtenRows: '4-10', failures };
    await expect(recordImportHistory(config, { featureGroup: 'customers', targetStores: ['all stores'], request: {}, bulkImport })).resolves.toBeUndefined();
    expect(appendHistory).toHaveBeenCalledTimes(1);
    const kept = appendHistory.mock.calls[0]?.[1];
    expect(kept).toMatchObject({ operation: 'BatchWriteRecord', outcome: 'error', errorName: 'RowsNotWritten' });
    expect(kept.bulkImport.failures).toHaveLength(2);
    appendHistory.mockResolvedValue({ ok: false, reason: 'full', message: 'storage full' });
    const done = { ...bulkImport, written: 10, failed: 0, failures: [], writtenRows: '1-10' };
    await expect(recordImportHistory(config, { featureGroup: 'customers', targetStores: [], request: {}, bulkImport: done })).resolves.toBe(
      'not recorded in history: storage full',
    );
    expect(appendHistory.mock.calls[1]?.[1]).toMatchObject({ outcome: 'success', note: '10 of 10 rows written from a.csv' });
  });
});
