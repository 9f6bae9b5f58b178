import { useId, useState } from 'react';
import { formatFromName, type SourceFormat } from './sourceRows';
import { Field } from '../../ui/Field';

/**
 * The file input and its format (by file name unless chosen); what went wrong reading the
 * file is said right here, with the way out when there is one (another encoding).
 */
export function FileChooser({
  onChoose,
  problem,
  onReadAs1252,
}: {
  onChoose: (file: File, format: SourceFormat) => void;
  problem?: string | undefined;
  /** Offered when the file was not UTF-8. */
  onReadAs1252?: (() => void) | undefined;
}) {
  const fileId = useId();
  const formatId = useId();
  const problemId = useId();
  const [format, setFormat] = useState<SourceFormat | 'auto'>('auto');
  return (
    <div className="field-row field-row--wrap">
      <Field id={fileId} label="File to import (CSV, TSV, JSON Lines, Parquet or Excel .xlsx)">
        <input
          id={fileId}
          type="file"
          accept=".csv,.tsv,.tab,.txt,.jsonl,.ndjson,.parquet,.xlsx,.xlsm"
          onChange={(event) => {
            const file = event.target.files?.[0];
            // Cleared, so choosing the same file again (to resume) fires a change.
            event.target.value = '';
            if (file) onChoose(file, format === 'auto' ? formatFromName(file.name) : format);
          }}
          aria-describedby={problem ? problemId : undefined}
        />
        {problem && (
          <div data-testid="file-problem">
            <p className="field__error" role="alert" id={problemId} data-testid="source-problem">
              {problem}
            </p>
            {onReadAs1252 && (
              <button type="button" className="button button--small" onClick={onReadAs1252}>
                Read it as Windows-1252 (Latin-1)
              </button>
            )}
          </div>
        )}
      </Field>
      <Field id={formatId} label="Format">
        <select id={formatId} value={format} onChange={(event) => setFormat(event.target.value as SourceFormat | 'auto')}>
          <option value="auto">By file name</option>
          <option value="csv">Delimited text (delimiter detected)</option>
          <option value="tsv">TSV (tab)</option>
          <option value="jsonl">JSON Lines</option>
          <option value="parquet">Parquet</option>
          <option value="xlsx">Excel workbook (.xlsx)</option>
        </select>
      </Field>
    </div>
  );
}
