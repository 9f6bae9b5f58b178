import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { RuntimeConfig } from '../../aws/config';
import { editValues } from '../../domain/rebase';
import { customersSchema as schema } from '../../domain/testSchemas';
import type { StoredRecordBase } from '../../domain/writePlan';

// Faked at the module boundary: the AWS calls. What is judged here is the console's reading of their answers.
const getRecord = vi.fn();
const sendWrite = vi.fn();
vi.mock('../../aws/api', () => ({ getAwsApi: async () => ({ getRecord }) }));
vi.mock('../../aws/writes', () => ({ sendWrite: (...args: unknown[]) => sendWrite(...args) }));
const { saveRecord } = await import('./saveRecord');

const config = {} as RuntimeConfig;
const base: StoredRecordBase = {
  recordId: 'C-1001',
  record: [
    { FeatureName: 'customer_id', ValueAsString: 'C-1001' },
    { FeatureName: 'event_time', ValueAsString: '2026-01-01T00:00:00.000Z' },
  ],
};
const stored = (eventTime: string) => ({ record: [...base.record.slice(0, 1), { FeatureName: 'event_time', ValueAsString: eventTime }] });

/** The history notes sendWrite was handed (its contract: afterSuccess runs after AWS's success, before history). */
let historyNotes: (string | undefined)[] = [];
beforeEach(() => {
  getRecord.mockReset();
  historyNotes = [];
  sendWrite.mockReset().mockImplementation(async (_config: unknown, write: { afterSuccess?: () => Promise<string | undefined> }) => {
    historyNotes.push(await write.afterSuccess?.());
    return { requestId: 'r-1', at: new Date('2026-03-01T12:00:00Z') };
  });
});

describe('saveRecord (B1)', () => {
  it('an edit AWS accepted while a newer record was stored landed in the offline store only', async () => {
    const values = editValues(schema, base, new Date('2026-03-01T12:00:00.000Z'));
    getRecord.mockResolvedValueOnce(stored('2026-03-01T12:00:00.500Z')).mockResolvedValueOnce(stored('2026-03-01T12:00:00.500Z'));
    const result = await saveRecord(config, schema, values, base, 'auto');
    expect(getRecord).toHaveBeenCalledTimes(2); // re-read before, read back after
    expect(result.landing).toEqual({ kind: 'offline-only', storedEventTime: '2026-03-01T12:00:00.500Z' });
    // History is told too, not just the screen.
    expect(historyNotes).toEqual([expect.stringContaining('reached the offline store only')]);
  });

  it('an edit that the read-back shows is online', async () => {
    const values = editValues(schema, base, new Date('2026-03-01T12:00:00.000Z'));
    getRecord.mockResolvedValueOnce(stored('2026-01-01T00:00:00.000Z')).mockResolvedValueOnce(stored('2026-03-01T12:00:00.000Z'));
    expect((await saveRecord(config, schema, values, base, 'auto')).landing).toEqual({ kind: 'online' });
    expect(historyNotes).toEqual([undefined]);
  });

  it('a failed re-read before the write does not stop the write', async () => {
    const values = editValues(schema, base, new Date('2026-03-01T12:00:00.000Z'));
    getRecord.mockRejectedValueOnce(new Error('network')).mockResolvedValueOnce(stored('2026-03-01T12:00:00.000Z'));
    const result = await saveRecord(config, schema, values, base, 'auto');
    expect(sendWrite).toHaveBeenCalledTimes(1);
    expect(result.landing).toEqual({ kind: 'online' });
  });
});
