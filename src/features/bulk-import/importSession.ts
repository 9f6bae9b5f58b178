/**
 * One bulk import, from source to AWS: a dry run that validates every row before anything
 * is sent, then the write (domain/importRun.ts) with its progress saved after every answer
 * so that a resume skips exactly the rows AWS wrote. The page renders `state` and calls
 * pause / resume / cancel; everything the summary says comes from AWS's answers.
 *
 * Memory stays bounded however large the file: the reader is asked for a chunk only when
 * the write loop needs rows, and at most MAX_KEPT_FAILED_ROWS failed rows are kept whole; the
 * others are kept as row ranges per error code, their cells read again from the file for the
 * download (the counts are always whole).
 */
import { expandRecordValues, generatorContext } from '../../domain/generators';
import { automaticMapping, describeRowProblems, rowToRecord, type ImportSettings, type SourceCell } from '../../domain/importMapping';
import type { BatchWriteAnswer, BatchWriteRecordInputLike, ImportEntry } from '../../domain/importBatches';
import { runImport, type CallFailure } from '../../domain/importRun';
import { RowRanges } from '../../domain/rowRanges';
import type { FeatureValueLike } from '../../domain/recordForm';
import type { FeatureGroupSchema } from '../../domain/schema';
import type { ImportProgress } from '../../storage';
import type { ReadOptions, SourceChunk, SourceFormat, SourceRow } from './sourceRows';

export const MAX_KEPT_FAILED_ROWS = 10_000;
export const FIRST_PROBLEMS_SHOWN = 20;
/** Valid records the dry run shows as they will be sent. */
export const SAMPLE_RECORDS = 3;
/** Rows a generated source makes per chunk. */
const GENERATED_CHUNK_ROWS = 500;

export interface ChunkSource {
  next(): Promise<SourceChunk | null>;
  close(): void;
}

export type ImportSourceSpec =
  | { kind: 'file'; file: File; format: SourceFormat; columns: string[]; options?: ReadOptions }
  | { kind: 'generate'; name: string; count: number; record: FeatureValueLike[] };

export interface FailedRow {
  row: number;
  cells: SourceCell[];
  errorCode: string;
  message: string;
}

export interface DryRunResult {
  rows: number;
  valid: number;
  invalid: number;
  /** Rows a resume skips: AWS wrote them in an earlier session. */
  alreadyWritten: number;
  firstProblems: { row: number; message: string }[];
  invalidRows: FailedRow[];
  /** The first valid records, exactly as they will be sent. */
  sample: FeatureValueLike[][];
  /** JSON Lines keys that are not columns of the mapping, with the line each first appears on. */
  lateKeys: { key: string; line: number }[];
}

export interface WriteState {
  phase: 'writing' | 'paused' | 'cancelling' | 'done';
  total: number;
  written: number;
  /** Rows not written: AWS refused them, or they were invalid (`invalid` of them). */
  failed: number;
  invalid: number;
  /** Rows not sent because the import was cancelled (read or not). */
  notWritten: number;
  rowsPerSecond: number;
  secondsLeft: number | undefined;
  retries: number;
  throttled: number;
  callLimit: number;
  /** The first MAX_KEPT_FAILED_ROWS failed rows, with their cells and messages. */
  failedRows: FailedRow[];
  /**
   * Failed rows past those kept, by error code: which rows, and the message of the first of
   * them. Bounded by the number of distinct codes, however many rows fail; the download
   * reads their cells from the file again (failedRowsDownload.ts).
   */
  unkeptFailures: Map<string, { message: string; rows: RowRanges }>;
  writtenRows: RowRanges;
  /** Rows in flight when an earlier session's page closed: sent again in this one. */
  resentInDoubt: number;
  cancelled: boolean;
  /** AWS refused a whole call for a reason every call shares (see runImport): the import stopped there. */
  stopped?: CallFailure;
  storageWarning?: string;
  historyWarning?: string;
}

export interface SessionHooks {
  schema: FeatureGroupSchema;
  settings: ImportSettings;
  source: ImportSourceSpec;
  openSource(): ChunkSource;
  send(input: BatchWriteRecordInputLike): Promise<BatchWriteAnswer>;
  classify(error: unknown): CallFailure;
  maxInFlight: number;
  /** Saves progress (not awaited by the import); resolves to a warning when it could not. */
  saveProgress?(progress: ImportProgress): Promise<string | undefined>;
  resumeFrom?: ImportProgress | undefined;
  now(): number;
}

/** A generated source: the template's record, generators expanded per row, as cells in the schema's order. */
export function generatedSource(schema: FeatureGroupSchema, spec: { count: number; record: FeatureValueLike[] }, settings: ImportSettings): ChunkSource {
  const byName = new Map(spec.record.map((value) => [value.FeatureName, value]));
  const now = new Date(settings.now);
  let next = 0;
  return {
    async next() {
      if (next >= spec.count) return null;
      const rows: SourceRow[] = [];
      const end = Math.min(spec.count, next + GENERATED_CHUNK_ROWS);
      for (; next < end; next++) {
        const context = generatorContext({ seed: settings.seed, index: next, now, eventTimeType: schema.eventTimeType });
        const record = schema.features.flatMap((spec) => byName.get(spec.name) ?? []);
        const expanded = expandRecordValues(record, context);
        if (!expanded.ok) {
          rows.push({ cells: schema.features.map(() => null), problem: `${expanded.featureName}: ${expanded.message}` });
          continue;
        }
        const values = new Map(expanded.record.map((value) => [value.FeatureName, value]));
        rows.push({
          cells: schema.features.map((spec) => {
            const value = values.get(spec.name);
            return value?.ValueAsStringList ?? value?.ValueAsString ?? null;
          }),
        });
      }
      return { rows, done: next, total: spec.count };
    },
    close() {
      next = spec.count;
    },
  };
}

/** The mapping a generated source uses: each feature from its own column. */
export function generatedMapping(schema: FeatureGroupSchema) {
  return automaticMapping(
    schema,
    schema.features.map((spec) => spec.name),
  );
}

type RowCheck = { ok: true; entry: ImportEntry } | { ok: false; failure: FailedRow };

/** Checks one source row against the mapping: the record to send, or why the row is invalid. */
export function rowChecker(schema: FeatureGroupSchema, settings: ImportSettings) {
  const now = new Date(settings.now);
  const decimalCommaColumns = new Set(settings.decimalCommaColumns ?? []);
  return (row: SourceRow, rowNumber: number): RowCheck => {
    if (row.problem !== undefined) return { ok: false, failure: { row: rowNumber, cells: row.cells, errorCode: 'InvalidRow', message: row.problem } };
    const result = rowToRecord(schema, settings.mapping, row.cells, {
      listFormat: settings.listFormat,
      decimalCommaColumns,
      generators: generatorContext({ seed: settings.seed, index: rowNumber - 1, now, eventTimeType: schema.eventTimeType }),
    });
    if (!result.ok) return { ok: false, failure: { row: rowNumber, cells: row.cells, errorCode: 'InvalidRow', message: describeRowProblems(result.problems) } };
    return { ok: true, entry: { row: rowNumber, record: result.record } };
  };
}

/** Validates every row without sending anything. */
export async function dryRun(
  hooks: Pick<SessionHooks, 'schema' | 'settings' | 'openSource' | 'resumeFrom'>,
  /** done of total in the source's own units (bytes or rows), and the rows checked so far. */
  onProgress: (done: number, total: number, rows: number) => void,
  signal: AbortSignal,
): Promise<DryRunResult> {
  const check = rowChecker(hooks.schema, hooks.settings);
  const skipped = new RowRanges(hooks.resumeFrom?.written ?? []);
  const source = hooks.openSource();
  const result: DryRunResult = { rows: 0, valid: 0, invalid: 0, alreadyWritten: 0, firstProblems: [], invalidRows: [], sample: [], lateKeys: [] };
  // Cancel does not wait for the reader's answer: a read that never ends (a footer declaring
  // 2^53 rows, a stuck worker) still stops, and the finally below closes the reader.
  const cancelled = new Promise<null>((resolve) => {
    if (signal.aborted) resolve(null);
    else signal.addEventListener('abort', () => resolve(null), { once: true });
  });
  const nextChunk = () => Promise.race([source.next(), cancelled]);
  try {
    for (let chunk = await nextChunk(); chunk && !signal.aborted; chunk = await nextChunk()) {
      if (chunk.newKeys) result.lateKeys.push(...chunk.newKeys);
      for (const row of chunk.rows) {
        result.rows += 1;
        if (skipped.has(result.rows)) {
          result.alreadyWritten += 1;
          continue;
        }
        const checked = check(row, result.rows);
        if (checked.ok) {
          result.valid += 1;
          if (result.sample.length < SAMPLE_RECORDS) result.sample.push(checked.entry.record);
        } else {
          result.invalid += 1;
          if (result.firstProblems.length < FIRST_PROBLEMS_SHOWN) result.firstProblems.push({ row: result.rows, message: checked.failure.message });
          if (result.invalidRows.length < MAX_KEPT_FAILED_ROWS) result.invalidRows.push(checked.failure);
        }
      }
      onProgress(chunk.done, chunk.total, result.rows);
    }
  } finally {
    source.close();
  }
  return result;
}

/** Pause, resume and cancel of a running write. */
export class WriteControl {
  private paused: { promise: Promise<void>; release: () => void } | undefined;
  readonly abort = new AbortController();

  get isPaused(): boolean {
    return this.paused !== undefined;
  }
  pause(): void {
    if (this.paused) return;
    let release = () => {};
    const promise = new Promise<void>((resolve) => (release = resolve));
    this.paused = { promise, release };
  }
  resume(): void {
    this.paused?.release();
    this.paused = undefined;
  }
  cancel(): void {
    this.abort.abort();
    this.resume();
  }
  whenRunning(): Promise<void> {
    return this.paused?.promise ?? Promise.resolve();
  }
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });
}

/**
 * Writes every valid row. `expectedRows` (from the dry run) makes the progress bar and the
 * time left exact; `onState` is called at most every `intervalMs` and once at the end.
 */
export async function writeRows(
  hooks: SessionHooks,
  control: WriteControl,
  expected: { rows: number; valid: number },
  onState: (state: WriteState) => void,
  intervalMs = 200,
  keptFailedRows = MAX_KEPT_FAILED_ROWS,
): Promise<WriteState> {
  const { schema, settings } = hooks;
  const check = rowChecker(schema, settings);
  const resume = hooks.resumeFrom;
  const written = new RowRanges(resume?.written ?? []);
  const earlierInFlight = new RowRanges(resume?.inFlight ?? []);
  const failedRanges = new RowRanges();
  const inFlight = new Set<number>();
  const cellsByRow = new Map<number, SourceCell[]>();
  const startedAt = hooks.now();
  const startedWritten = written.size;
  const state: WriteState = {
    phase: 'writing',
    total: expected.rows,
    written: written.size,
    failed: 0,
    invalid: 0,
    notWritten: 0,
    rowsPerSecond: 0,
    secondsLeft: undefined,
    retries: 0,
    throttled: 0,
    callLimit: hooks.maxInFlight,
    failedRows: [],
    unkeptFailures: new Map(),
    writtenRows: written,
    resentInDoubt: 0,
    cancelled: false,
  };
  const progressBase = {
    group: schema.name,
    fileName: hooks.source.kind === 'file' ? hooks.source.file.name : hooks.source.name,
    size: hooks.source.kind === 'file' ? hooks.source.file.size : 0,
    lastModified: hooks.source.kind === 'file' ? hooks.source.file.lastModified : 0,
    startedAt: resume?.startedAt ?? new Date(startedAt).toISOString(),
    settings,
    rows: expected.rows,
  };

  const save = (finished: boolean) => {
    if (!hooks.saveProgress) return;
    const inFlightRanges = new RowRanges();
    for (const row of inFlight) inFlightRanges.add(row);
    hooks
      .saveProgress({
        ...progressBase,
        updatedAt: new Date(hooks.now()).toISOString(),
        written: written.toJSON(),
        failed: failedRanges.toJSON(),
        inFlight: inFlightRanges.toJSON(),
        finished,
      })
      .then(
        (warning) => {
          if (warning && !state.storageWarning) state.storageWarning = warning;
        },
        () => {},
      );
  };

  let lastEmit = 0;
  const emit = (force = false) => {
    const now = hooks.now();
    if (!force && now - lastEmit < intervalMs) return;
    lastEmit = now;
    const seconds = Math.max(0.001, (now - startedAt) / 1000);
    const doneHere = written.size - startedWritten + state.failed;
    state.rowsPerSecond = doneHere / seconds;
    const remaining = Math.max(0, expected.valid - (written.size - startedWritten) - awsFailed);
    state.secondsLeft = state.rowsPerSecond > 0 ? remaining / state.rowsPerSecond : undefined;
    state.written = written.size;
    if (state.phase !== 'done') state.phase = control.abort.signal.aborted ? 'cancelling' : control.isPaused ? 'paused' : 'writing';
    onState({ ...state, failedRows: state.failedRows });
  };

  let awsFailed = 0;
  const fail = (failure: FailedRow) => {
    if (failure.errorCode !== 'InvalidRow') awsFailed += 1;
    else state.invalid += 1;
    state.failed += 1;
    failedRanges.add(failure.row);
    if (state.failedRows.length < keptFailedRows) {
      state.failedRows.push(failure);
      return;
    }
    const unkept = state.unkeptFailures.get(failure.errorCode);
    if (unkept) unkept.rows.add(failure.row);
    else state.unkeptFailures.set(failure.errorCode, { message: failure.message, rows: new RowRanges([[failure.row, failure.row]]) });
  };

  // The reader, pulled by the write loop: one chunk at a time, only when rows are needed.
  // Rows are checked as batches are taken, 25 valid at a time, not a whole chunk (thousands
  // of rows) at once: a chunk checked in one go kept the page from answering and sending for
  // a quarter of a second, so the calls in flight ran dry (issue 18 §6).
  const source = hooks.openSource();
  let rowNumber = 0;
  let sourceDone = false;
  let pending: SourceRow[] = [];
  let next = 0;
  const nextBatch = async (): Promise<ImportEntry[] | null> => {
    const batch: ImportEntry[] = [];
    while (batch.length < 25) {
      if (next >= pending.length) {
        if (sourceDone) break;
        pending = [];
        next = 0;
        const chunk = await source.next();
        if (!chunk) {
          sourceDone = true;
          break;
        }
        pending = chunk.rows;
        continue;
      }
      const row = pending[next] as SourceRow;
      next += 1;
      rowNumber += 1;
      if (written.has(rowNumber)) continue;
      const checked = check(row, rowNumber);
      if (!checked.ok) {
        fail(checked.failure);
        continue;
      }
      if (earlierInFlight.has(rowNumber)) state.resentInDoubt += 1;
      cellsByRow.set(rowNumber, row.cells);
      batch.push(checked.entry);
    }
    emit();
    if (batch.length === 0) return null;
    for (const entry of batch) inFlight.add(entry.row);
    save(false);
    return batch;
  };

  const settle = (rows: number[]) => {
    for (const row of rows) {
      inFlight.delete(row);
      cellsByRow.delete(row);
    }
  };

  try {
    const result = await runImport({
      schema,
      options: { groupName: schema.name, targetStores: settings.targetStores, ttl: settings.ttl },
      nextBatch,
      send: async (input) => {
        try {
          return await hooks.send(input);
        } finally {
          emit();
        }
      },
      classify: hooks.classify,
      onWritten: (entries) => {
        for (const entry of entries) written.add(entry.row);
        settle(entries.map((entry) => entry.row));
        save(false);
        emit();
      },
      onFailed: (failures) => {
        for (const failure of failures) {
          fail({ row: failure.entry.row, cells: cellsByRow.get(failure.entry.row) ?? [], errorCode: failure.errorCode, message: failure.message });
        }
        settle(failures.map((failure) => failure.entry.row));
        save(false);
        emit();
      },
      onAbandoned: (entries) => {
        settle(entries.map((entry) => entry.row));
        save(false);
      },
      onRetry: (event) => {
        state.retries += 1;
        if (event.reason === 'throttled') state.throttled += 1;
        state.callLimit = event.limit;
        emit();
      },
      sleep: abortableSleep,
      random: Math.random,
      // Asked before every call: the screen is told at once only when pause or cancel
      // changed what it shows; otherwise at most every intervalMs (a render per call
      // was a large share of the page's time, issue 18 §6).
      whenRunning: () => {
        const phase = control.abort.signal.aborted ? 'cancelling' : control.isPaused ? 'paused' : 'writing';
        emit(phase !== state.phase);
        return control.whenRunning();
      },
      signal: control.abort.signal,
      maxInFlight: hooks.maxInFlight,
    });
    state.cancelled = result.cancelled;
    if (result.stopped) state.stopped = result.stopped;
  } finally {
    source.close();
  }
  // Whatever was not written, failed or invalid was not sent (cancel): counted, never guessed.
  state.written = written.size;
  state.notWritten = Math.max(0, expected.rows - written.size - state.failed);
  state.phase = 'done';
  save(!state.cancelled);
  emit(true);
  return state;
}
