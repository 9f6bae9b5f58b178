/**
 * A running write, owned by this object and not by a component: it is started by the
 * user's click ("Write N valid rows") and lives until AWS answered its last call. The
 * write step only watches it (subscribe / view), so React StrictMode's mount → unmount →
 * mount in development (`npm start`) cannot cancel or restart it.
 *
 * Leaving stops it: when the last watcher detaches and none attaches again before the
 * next task (StrictMode's remount is synchronous), the write is cancelled, its progress
 * saved for a resume. The page asks before an in-app link or a reload takes it there
 * (useLeaveGuard).
 */
import type { RuntimeConfig } from '../../aws/config';
import { getAwsApi } from '../../aws/api';
import { describeAwsError } from '../../aws/errors';
import { currentActor } from '../../aws/signInState';
import { recordImportHistory } from '../../aws/writes';
import type { ImportSettings } from '../../domain/importMapping';
import type { FeatureGroupSchema } from '../../domain/schema';
import { importKey, saveImportProgress, type ImportProgress, type StorageScope } from '../../storage';
import { classifyCallFailure } from './classifyCallFailure';
import { WriteControl, writeRows, type DryRunResult, type ImportSourceSpec, type WriteState } from './importSession';
import { sourceLabel } from './importText';
import { openImportSource } from './openImportSource';

export interface WriteSessionStart {
  config: RuntimeConfig;
  scope: StorageScope;
  schema: FeatureGroupSchema;
  source: ImportSourceSpec;
  settings: ImportSettings;
  dry: DryRunResult;
  resume: ImportProgress | undefined;
  maxInFlight: number;
}

export interface WriteSessionView {
  state?: WriteState;
  /** The import could not run at all (e.g. no credentials): the words to show. */
  error?: string;
}

export class WriteSession {
  readonly control = new WriteControl();
  readonly done: Promise<void>;
  private view: WriteSessionView = {};
  private readonly listeners = new Set<() => void>();
  private watchers = 0;

  constructor(readonly start: WriteSessionStart) {
    this.done = this.run().catch((caught: unknown) => {
      const problem = describeAwsError(caught, { operation: 'BatchWriteRecord', featureGroup: start.schema.name });
      this.publish({ ...this.view, error: `${problem.title}: ${problem.detail}` });
    });
  }

  /** Whether rows may still be sent: the page asks before leaving while this is true. */
  get writing(): boolean {
    return this.view.error === undefined && this.view.state?.phase !== 'done';
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getView = (): WriteSessionView => this.view;

  /** A screen shows this write; the returned function says it no longer does. */
  watch(): () => void {
    this.watchers += 1;
    let detached = false;
    return () => {
      if (detached) return;
      detached = true;
      this.watchers -= 1;
      // A remount (StrictMode) watches again synchronously; only a real leave finds none.
      setTimeout(() => {
        if (this.watchers === 0 && this.writing) this.control.cancel();
      }, 0);
    };
  }

  private publish(view: WriteSessionView): void {
    this.view = view;
    for (const listener of this.listeners) listener();
  }

  private async run(): Promise<void> {
    const { config, scope, schema, source, settings, dry, resume, maxInFlight } = this.start;
    // Who made it, taken when Write was pressed: the history credits that user.
    const actor = currentActor();
    const key = source.kind === 'file' ? importKey(schema.name, source.file) : undefined;
    const api = await getAwsApi(config);
    const final = await writeRows(
      {
        schema,
        settings,
        source,
        openSource: openImportSource(schema, source, settings),
        send: (input) => api.batchWriteRecord(input),
        classify: classifyCallFailure,
        maxInFlight,
        ...(key
          ? {
              saveProgress: async (progress: ImportProgress) => {
                const saved = await saveImportProgress(scope, key, progress);
                return saved.ok ? undefined : `progress not saved: ${saved.message}`;
              },
            }
          : {}),
        resumeFrom: resume,
        now: () => performance.timeOrigin + performance.now(),
      },
      this.control,
      { rows: dry.rows, valid: dry.valid },
      (state) => this.publish({ ...this.view, state }),
    );
    const historyWarning = await recordImportHistory(config, {
      ...(actor ? { actor } : {}),
      featureGroup: schema.name,
      targetStores: settings.targetStores ?? ['all stores'],
      request: {
        source: sourceLabel(source),
        mapping: settings.mapping,
        listFormat: settings.listFormat,
        TtlDuration: settings.ttl,
        TargetStores: settings.targetStores,
      },
      bulkImport: {
        source: sourceLabel(source),
        rows: dry.rows,
        written: final.written,
        failed: final.failed - final.invalid,
        invalid: final.invalid,
        notWritten: final.notWritten,
        cancelled: final.cancelled,
        writtenRows: final.writtenRows.toString(),
        failures: final.failedRows.slice(0, 100).map((row) => ({ row: row.row, errorCode: row.errorCode, message: row.message })),
      },
    });
    this.publish({ ...this.view, state: { ...final, ...(historyWarning ? { historyWarning } : {}) } });
  }
}
