import { useId, useState } from 'react';
import { formatFromName, type SourceFormat } from './sourceRows';

/** The file input and its format (by file name unless chosen). */
export function FileChooser({ onChoose }: { onChoose: (file: File, format: SourceFormat) => void }) {
  const fileId = useId();
  const formatId = useId();
  const [format, setFormat] = useState<SourceFormat | 'auto'>('auto');
  return (
    <div className="field-row field-row--wrap">
      <div className="field">
        <div className="field__head">
          <label className="field__label" htmlFor={fileId}>
            File to import (CSV, TSV, JSON Lines or Parquet)
          </label>
        </div>
        <input
          id={fileId}
          type="file"
          accept=".csv,.tsv,.tab,.txt,.jsonl,.ndjson,.parquet"
          onChange={(event) => {
            const file = event.target.files?.[0];
            // Cleared, so choosing the same file again (to resume) fires a change.
            event.target.value = '';
            if (file) onChoose(file, format === 'auto' ? formatFromName(file.name) : format);
          }}
        />
      </div>
      <div className="field">
        <div className="field__head">
          <label className="field__label" htmlFor={formatId}>
            Format
          </label>
        </div>
        <select id={formatId} value={format} onChange={(event) => setFormat(event.target.value as SourceFormat | 'auto')}>
          <option value="auto">By file name</option>
          <option value="csv">CSV (comma)</option>
          <option value="tsv">TSV (tab)</option>
          <option value="jsonl">JSON Lines</option>
          <option value="parquet">Parquet</option>
        </select>
      </div>
    </div>
  );
}
