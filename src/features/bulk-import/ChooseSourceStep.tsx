import { useRef, useState } from 'react';
import { useStorageScope } from '../../aws/storageScope';
import type { FeatureGroupSchema } from '../../domain/schema';
import type { templateRecord } from '../../domain/templates';
import { importKey, loadImportProgress, type ImportProgress } from '../../storage';
import { FileChooser } from './FileChooser';
import { GenerateChooser } from './GenerateChooser';
import { InterruptedImports } from './InterruptedImports';
import type { ImportSourceSpec } from './importSession';
import { previewFile } from './sourceReader';
import { NOT_UTF8, type ReadOptions, type SourceFormat, type SourcePreview } from './sourceRows';

export const PREVIEW_ROWS = 5;

export interface ChosenSource {
  source: ImportSourceSpec;
  preview: SourcePreview;
  /** An unfinished import of the same file, saved in this browser. */
  saved?: ImportProgress | undefined;
}

/** A file to read, or N records to generate from a template. */
export function ChooseSourceStep({ schema, onChosen }: { schema: FeatureGroupSchema; onChosen: (chosen: ChosenSource) => void }) {
  const [problem, setProblem] = useState<{ message: string; retry?: () => void }>();
  const [reading, setReading] = useState<string>();
  // The newest choice: a cancelled or superseded read's answer is dropped.
  const latest = useRef(0);
  const scope = useStorageScope();

  const chooseFile = async (file: File, format: SourceFormat, options: ReadOptions = {}) => {
    const ticket = ++latest.current;
    setProblem(undefined);
    setReading(file.name);
    try {
      const preview = await previewFile(file, format, PREVIEW_ROWS, options);
      if (preview.columns.length === 0) throw new Error('The file has no header row or no columns.');
      const loaded = await loadImportProgress(scope, importKey(schema.name, file));
      const saved = loaded.ok && loaded.value && !loaded.value.finished ? loaded.value : undefined;
      if (ticket === latest.current) onChosen({ source: { kind: 'file', file, format, columns: preview.columns, options }, preview, saved });
    } catch (error) {
      const message = (error as Error).message;
      const notUtf8 = message.startsWith(NOT_UTF8) && options.encoding !== 'windows-1252';
      if (ticket === latest.current)
        setProblem({
          message: `${file.name} could not be read: ${message}`,
          ...(notUtf8 ? { retry: () => void chooseFile(file, format, { ...options, encoding: 'windows-1252' }) } : {}),
        });
    } finally {
      if (ticket === latest.current) setReading(undefined);
    }
  };

  return (
    <>
      <p className="muted">
        Write many records with BatchWriteRecord (25 per call). Every row is checked with the same rules as the form before anything is sent.
      </p>
      <InterruptedImports group={schema.name} />
      <FileChooser onChoose={(file, format) => void chooseFile(file, format)} problem={problem?.message} onReadAs1252={problem?.retry} />
      {reading && (
        <div className="actions" role="status" data-testid="source-reading">
          <span>Reading {reading}…</span>
          <button
            type="button"
            className="button"
            onClick={() => {
              latest.current += 1;
              setReading(undefined);
            }}
          >
            Cancel
          </button>
        </div>
      )}
      <GenerateChooser
        schema={schema}
        onChoose={(name: string, count: number, record: ReturnType<typeof templateRecord>) => {
          const columns = schema.features.map((spec) => spec.name);
          onChosen({ source: { kind: 'generate', name, count, record }, preview: { columns, rows: [], rowCount: count } });
        }}
      />
    </>
  );
}
