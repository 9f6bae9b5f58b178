import { useRef, useState } from 'react';
import { useRuntimeConfig } from '../../aws/AwsContext';
import { getAwsApi } from '../../aws/api';
import { describeAwsError } from '../../aws/errors';
import { csvFileName, type CsvStyle } from '../../domain/csvCell';
import type { FeatureGroupSchema } from '../../domain/schema';
import { downloadBlob } from '../../shared/downloadBlob';
import { ProblemPanel } from '../../ui/ProblemPanel';
import { exportWholeGroup, type ExportProgress } from './loadRows';
import { exportFileName, rowsToCsv, rowsToJsonLines, type Column, type ExportFormat } from './tableRows';

type ExportChoice = 'csv' | 'csv-excel-safe' | 'jsonl';

export function ExportControls({
  schema,
  shown,
  columns,
  includeSoftDeleted,
}: {
  schema: FeatureGroupSchema;
  shown: Parameters<typeof rowsToCsv>[1];
  columns: Column[];
  includeSoftDeleted: boolean;
}) {
  const config = useRuntimeConfig();
  const [choice, setChoice] = useState<ExportChoice>('csv');
  const format: ExportFormat = choice === 'jsonl' ? 'jsonl' : 'csv';
  const csvStyle: CsvStyle = choice === 'csv-excel-safe' ? 'excel-safe' : 'exact';
  const [progress, setProgress] = useState<ExportProgress | null>(null);
  const [outcome, setOutcome] = useState<{ kind: 'done' | 'cancelled'; records: number } | { kind: 'failed'; error: unknown } | null>(null);
  const abort = useRef<AbortController | null>(null);
  const running = progress !== null;
  const fileName = (scope: 'shown' | 'group') => csvFileName(exportFileName(schema.name, scope, format), format === 'csv' ? csvStyle : 'exact');

  const exportShown = () => {
    const text = format === 'csv' ? rowsToCsv(schema, shown, columns, true, csvStyle) : rowsToJsonLines(schema, shown, columns);
    downloadBlob(new Blob([text], { type: format === 'csv' ? 'text/csv' : 'application/x-ndjson' }), fileName('shown'));
    setOutcome({ kind: 'done', records: shown.length });
  };

  const exportGroup = async () => {
    const controller = new AbortController();
    abort.current = controller;
    setOutcome(null);
    setProgress({ records: 0, pages: 0 });
    try {
      const { blob, records } = await exportWholeGroup(await getAwsApi(config), schema, {
        format,
        csvStyle,
        includeSoftDeleted,
        signal: controller.signal,
        onProgress: setProgress,
      });
      downloadBlob(blob, fileName('group'));
      setOutcome({ kind: 'done', records });
    } catch (error) {
      setOutcome(controller.signal.aborted ? { kind: 'cancelled', records: 0 } : { kind: 'failed', error });
    } finally {
      setProgress(null);
      abort.current = null;
    }
  };

  return (
    <fieldset style={{ marginTop: 'var(--space-3)' }}>
      <legend>Export</legend>
      <div className="field-row field-row--wrap">
        <span role="radiogroup" aria-label="Export format">
          <label className="check">
            <input type="radio" name="export-format" checked={choice === 'csv'} onChange={() => setChoice('csv')} /> CSV
          </label>{' '}
          <label className="check">
            <input type="radio" name="export-format" checked={choice === 'csv-excel-safe'} onChange={() => setChoice('csv-excel-safe')} /> CSV, Excel-safe
          </label>{' '}
          <label className="check">
            <input type="radio" name="export-format" checked={choice === 'jsonl'} onChange={() => setChoice('jsonl')} /> JSON Lines
          </label>
        </span>
        <button type="button" className="button" onClick={exportShown} disabled={running || shown.length === 0}>
          Export shown rows ({shown.length})
        </button>
        <button type="button" className="button" onClick={() => void exportGroup()} disabled={running}>
          Export whole group
        </button>
        {running && (
          <button type="button" className="button" onClick={() => abort.current?.abort()}>
            Cancel export
          </button>
        )}
      </div>
      <p className="field__hint">
        Shown rows: the columns chosen above, rows matching the filter. Whole group: every feature of every record, read page by page
        {includeSoftDeleted ? ' (soft-deleted records included, marked in SoftDeleted)' : ''}. CSV writes every value exactly as stored and leaves an absent
        feature empty; JSON Lines leaves it out. Lists are JSON arrays. CSV, Excel-safe is for opening in a spreadsheet: a cell starting with =, +, -, @, a tab
        or a carriage return gets a leading &apos; so it is not run as a formula (so &quot;-5&quot; is written &quot;&apos;-5&quot;), and the file name ends in
        -excel-safe.
      </p>
      <div role="status" aria-live="polite">
        {running && (
          <p>
            <progress aria-label="Export progress" /> {progress.records.toLocaleString('en-US')} records read ({progress.pages} pages)…
          </p>
        )}
        {outcome?.kind === 'done' && <p data-testid="export-outcome">Exported {outcome.records.toLocaleString('en-US')} records.</p>}
        {outcome?.kind === 'cancelled' && <p>Export cancelled: nothing was downloaded.</p>}
      </div>
      {outcome?.kind === 'failed' && (
        <ProblemPanel
          problem={{
            ...describeAwsError(outcome.error, { operation: 'ListRecords', featureGroup: schema.name }),
            title: `Export stopped, nothing was downloaded: ${describeAwsError(outcome.error, { operation: 'ListRecords', featureGroup: schema.name }).title}`,
          }}
        />
      )}
    </fieldset>
  );
}
