/**
 * IndexedDB writes still in flight when the page goes away (reload, closed tab) are
 * aborted by the browser. So small writes that must survive an unload (drafts, the
 * editor view) register here while in flight; on `pagehide` the ones still open are
 * copied synchronously into one localStorage key, and the next open of the database
 * replays them (a draft only when it is newer than the stored one) and removes the
 * key. localStorage is only this short-lived journal, never the store.
 */
import * as z from 'zod/mini';

export const JOURNAL_KEY = 'featurestore-console:storage-journal:v1';

const journalEntrySchema = z.union([
  z.object({ kind: z.literal('draft'), scope: z.string(), key: z.string(), seq: z.number(), savedAt: z.string(), payload: z.unknown() }),
  z.object({ kind: z.literal('preference'), scope: z.string(), name: z.string(), seq: z.number(), value: z.unknown() }),
  z.object({ kind: z.literal('import'), scope: z.string(), key: z.string(), seq: z.number(), progress: z.unknown() }),
]);
export type JournalEntry = z.infer<typeof journalEntrySchema>;

const inFlight = new Map<string, JournalEntry>();
let lastSeq = 0;

/**
 * A number larger than every earlier one from this page and from any earlier page load
 * (it starts at the clock, in microseconds): the order of drafts and preferences, so a
 * replayed or late write never lands over a newer one.
 */
export function nextWriteSeq(): number {
  lastSeq = Math.max(lastSeq + 1, Date.now() * 1000);
  return lastSeq;
}

export function noteSeenSeq(seq: number): void {
  lastSeq = Math.max(lastSeq, seq);
}

function entryId(entry: JournalEntry): string {
  if (entry.kind === 'preference') return `preference\u0000${entry.scope}\u0000${entry.name}`;
  return `${entry.kind}\u0000${entry.scope}\u0000${entry.key}`;
}

function readJournal(): JournalEntry[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(JOURNAL_KEY) ?? '[]');
    if (!Array.isArray(parsed)) return [];
    return parsed.flatMap((entry) => {
      const valid = journalEntrySchema.safeParse(entry);
      return valid.success ? [valid.data] : [];
    });
  } catch {
    return [];
  }
}

/**
 * Copies the writes still in flight into the journal, synchronously. Runs on pagehide;
 * callers that start a last write during pagehide (a draft's final save) call it
 * themselves right after, since their write may start after this listener ran.
 */
export function persistInFlightWrites(): void {
  if (inFlight.size === 0) return;
  try {
    const byId = new Map(readJournal().map((entry) => [entryId(entry), entry]));
    for (const entry of inFlight.values()) byId.set(entryId(entry), entry);
    localStorage.setItem(JOURNAL_KEY, JSON.stringify([...byId.values()]));
  } catch {
    // Full or disabled: the in-flight write may still finish; nothing else can be done during unload.
  }
}

if (typeof window !== 'undefined') window.addEventListener('pagehide', persistInFlightWrites);

/**
 * Registers a write while it is in flight; call the returned function once it has
 * committed or failed. A journal entry that outlives its write is harmless: replay
 * keeps whichever has the higher seq.
 */
export function journalWhileInFlight(entry: JournalEntry): () => void {
  const id = entryId(entry);
  inFlight.set(id, entry);
  return () => {
    if (inFlight.get(id) === entry) inFlight.delete(id);
  };
}

/** The journal left by an earlier page, removed from localStorage (the caller replays it). */
export function takeJournal(): JournalEntry[] {
  const entries = readJournal();
  try {
    localStorage.removeItem(JOURNAL_KEY);
  } catch {
    // Nothing to remove when storage is disabled.
  }
  return entries;
}
