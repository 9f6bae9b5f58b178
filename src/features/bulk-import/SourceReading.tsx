import { useId, useState } from 'react';
import { DELIMITERS, DELIMITER_NAMES, type Delimiter } from '../../domain/delimiters';
import { previewFile } from './sourceReader';
import type { ReadOptions, SourcePreview, TextEncodingName } from './sourceRows';
import { PREVIEW_ROWS } from './ChooseSourceStep';
import { Field } from '../../ui/Field';

/** Header rows offered for a sheet (a title block above the header is common; more is rare). */
const HEADER_ROWS = 20;

/**
 * How the file was read, shown and changeable: the delimiter (detected) and encoding of a
 * text file, the sheet and header row of a workbook. A change reads the preview again.
 */
export function SourceReading({
  file,
  format,
  preview,
  onReread,
}: {
  file: File;
  format: 'csv' | 'tsv' | 'jsonl' | 'parquet' | 'xlsx';
  preview: SourcePreview;
  onReread: (preview: SourcePreview, options: ReadOptions) => void;
}) {
  const ids = { delimiter: useId(), encoding: useId(), sheet: useId(), header: useId() };
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const current: ReadOptions = { delimiter: preview.delimiter, encoding: preview.encoding, sheet: preview.sheet, headerRow: preview.headerRow };

  const reread = async (change: ReadOptions) => {
    const options = { ...current, ...change };
    setBusy(true);
    setProblem(undefined);
    try {
      const next = await previewFile(file, format, PREVIEW_ROWS, options);
      if (next.columns.length === 0) throw new Error('Read this way, the file has no header row or no columns.');
      onReread(next, options);
    } catch (error) {
      setProblem((error as Error).message);
    } finally {
      setBusy(false);
    }
  };

  if (format === 'parquet') {
    return preview.codecs && preview.codecs.length > 0 ? <p className="muted">Parquet, compressed with {preview.codecs.join(', ')}.</p> : null;
  }
  return (
    <fieldset className="panel" data-testid="how-file-is-read">
      <legend>How the file is read</legend>
      <div className="field-row field-row--wrap">
        {preview.delimiter !== undefined && (
          <Field id={ids.delimiter} label="Delimiter">
            <select
              id={ids.delimiter}
              value={preview.delimiter}
              disabled={busy}
              onChange={(event) => void reread({ delimiter: event.target.value as Delimiter })}
            >
              {DELIMITERS.map((delimiter) => (
                <option key={delimiter} value={delimiter}>
                  {DELIMITER_NAMES[delimiter]}
                </option>
              ))}
            </select>
          </Field>
        )}
        {preview.encoding !== undefined && (
          <Field id={ids.encoding} label="Encoding">
            <select
              id={ids.encoding}
              value={preview.encoding}
              disabled={busy}
              onChange={(event) => void reread({ encoding: event.target.value as TextEncodingName })}
            >
              <option value="utf-8">UTF-8 (with or without BOM)</option>
              <option value="windows-1252">Windows-1252 (Latin-1, Western European)</option>
            </select>
          </Field>
        )}
        {preview.sheets && (
          <Field id={ids.sheet} label="Sheet">
            <select id={ids.sheet} value={preview.sheet} disabled={busy} onChange={(event) => void reread({ sheet: event.target.value, headerRow: undefined })}>
              {preview.sheets.map((sheet) => (
                <option key={sheet}>{sheet}</option>
              ))}
            </select>
          </Field>
        )}
        {preview.headerRow !== undefined && (
          <Field id={ids.header} label="Header row">
            <select id={ids.header} value={preview.headerRow} disabled={busy} onChange={(event) => void reread({ headerRow: Number(event.target.value) })}>
              {Array.from({ length: Math.max(HEADER_ROWS, preview.headerRow) }, (_, index) => (
                <option key={index + 1} value={index + 1}>
                  Row {index + 1}
                </option>
              ))}
            </select>
          </Field>
        )}
      </div>
      {busy && <p role="status">Reading the file again…</p>}
      {problem && (
        <p className="field__error" role="alert">
          {problem}
        </p>
      )}
      {preview.duplicateColumns && preview.duplicateColumns.length > 0 && (
        <p className="field__warning" data-testid="duplicate-columns">
          More than one column is named {preview.duplicateColumns.map((name) => `“${name}”`).join(', ')}: the later ones are shown as “
          {preview.duplicateColumns[0]} (2)” and so on. Choose which one feeds each feature.
        </p>
      )}
    </fieldset>
  );
}
