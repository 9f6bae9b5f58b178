// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { appendHistory, clearHistory, historyToJsonLines, MAX_HISTORY_ENTRIES, readHistory } from './history';

const entry = (recordId: string) => ({
  environment: 'us-east-1|local',
  featureGroup: 'customers',
  recordId,
  operation: 'PutRecord' as const,
  targetStores: ['all stores'],
  outcome: 'success' as const,
  requestId: 'r-1',
  request: { FeatureGroupName: 'customers', Record: [] },
});

describe('history', () => {
  beforeEach(() => {
    localStorage.clear();
  });

  it('appends, keeps a stable snapshot, exports JSON Lines and clears', () => {
    appendHistory(entry('a'));
    appendHistory(entry('b'));
    const first = readHistory();
    expect(first.map((e) => e.recordId)).toEqual(['a', 'b']);
    expect(readHistory()).toBe(first);
    const lines = historyToJsonLines(first).trim().split('\n');
    expect(lines.map((line) => (JSON.parse(line) as { recordId: string }).recordId)).toEqual(['a', 'b']);
    clearHistory();
    expect(readHistory()).toEqual([]);
  });

  it('never stores credentials-shaped data it was not given, and caps its size', () => {
    for (let i = 0; i < MAX_HISTORY_ENTRIES + 5; i += 1) appendHistory(entry(String(i)));
    expect(readHistory()).toHaveLength(MAX_HISTORY_ENTRIES);
    expect(readHistory()[0]?.recordId).toBe('5');
    expect(localStorage.getItem('featurestore-console:history:v1')).not.toMatch(/secret|sessionToken|AccessKeyId/i);
  });
});
