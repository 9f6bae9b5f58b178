// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { JOURNAL_KEY, journalWhileInFlight, nextWriteSeq, persistInFlightWrites, takeJournal } from './journal';

const draft = (seq: number, text: string) => ({ kind: 'draft' as const, scope: 's', key: 'k', seq, savedAt: 't', payload: { text } });

describe('unload journal', () => {
  beforeEach(() => {
    localStorage.clear();
  });

  it('keeps only writes still in flight when the page goes away, and hands them over once', () => {
    const settledFirst = journalWhileInFlight({ kind: 'preference', scope: 's', name: 'editor-view', seq: 1, value: 'json' });
    const settledLast = journalWhileInFlight(draft(2, 'typed last'));
    settledFirst();
    persistInFlightWrites();
    settledLast();
    expect(takeJournal()).toEqual([draft(2, 'typed last')]);
    expect(localStorage.getItem(JOURNAL_KEY)).toBeNull();
    expect(takeJournal()).toEqual([]);
  });

  it('keeps an import progress in flight, next to a draft of the same key', () => {
    const progress = { kind: 'import' as const, scope: 's', key: 'k', seq: 3, progress: { written: [[1, 25]] } };
    const settledImport = journalWhileInFlight(progress);
    const settledDraft = journalWhileInFlight(draft(4, 'typed'));
    persistInFlightWrites();
    settledImport();
    settledDraft();
    expect(takeJournal()).toEqual([progress, draft(4, 'typed')]);
  });

  it('keeps the newest entry per draft and skips damaged entries', () => {
    localStorage.setItem(JOURNAL_KEY, JSON.stringify([draft(1, 'old'), { kind: 'draft', scope: 's' }, 'junk']));
    const settled = journalWhileInFlight(draft(5, 'new'));
    persistInFlightWrites();
    settled();
    expect(takeJournal()).toEqual([draft(5, 'new')]);
  });

  it('reads a damaged journal as empty', () => {
    localStorage.setItem(JOURNAL_KEY, '{not json');
    expect(takeJournal()).toEqual([]);
  });

  it('numbers writes in increasing order', () => {
    const first = nextWriteSeq();
    expect(nextWriteSeq()).toBeGreaterThan(first);
  });
});
