import { useState } from 'react';
import { useStorageScope } from '../../aws/storageScope';
import type { ImportSettings } from '../../domain/importMapping';
import type { FeatureGroupSchema } from '../../domain/schema';
import { discardImportProgress, importKey, type ImportProgress } from '../../storage';
import { WithGroupSchema } from '../../shared/WithGroupSchema';
import { GroupHeader } from '../../ui/GroupHeader';
import { ChooseSourceStep, type ChosenSource } from './ChooseSourceStep';
import type { DryRunResult, ImportSourceSpec } from './importSession';
import { MappingStep } from './MappingStep';
import { WriteStep } from './WriteStep';

/** Bulk import: a file (CSV, TSV, JSON Lines, Parquet) or generated records, written with BatchWriteRecord. */
export function BulkImportPage({ groupName }: { groupName: string }) {
  return (
    <WithGroupSchema groupName={groupName}>
      {(schema) => (
        <>
          <GroupHeader schema={schema} active="import" />
          <BulkImport key={schema.name} schema={schema} />
        </>
      )}
    </WithGroupSchema>
  );
}

type Stage =
  | { step: 'choose' }
  | ({ step: 'map' } & ChosenSource)
  | { step: 'write'; source: ImportSourceSpec; settings: ImportSettings; dry: DryRunResult; resume?: ImportProgress | undefined; maxInFlight: number };

/** The steps: choose a source, map and dry run, write. */
function BulkImport({ schema }: { schema: FeatureGroupSchema }) {
  const [stage, setStage] = useState<Stage>({ step: 'choose' });
  const scope = useStorageScope();

  return (
    <section className="panel" aria-labelledby="import-title">
      <h2 id="import-title">Import records</h2>
      {stage.step === 'choose' && <ChooseSourceStep schema={schema} onChosen={(chosen) => setStage({ step: 'map', ...chosen })} />}
      {stage.step === 'map' && (
        <MappingStep
          schema={schema}
          source={stage.source}
          preview={stage.preview}
          saved={stage.saved}
          onBack={() => setStage({ step: 'choose' })}
          onDiscardSaved={() => {
            if (stage.source.kind === 'file') void discardImportProgress(scope, importKey(schema.name, stage.source.file));
            setStage({ ...stage, saved: undefined });
          }}
          onWrite={(settings, dry, resume, maxInFlight) => setStage({ step: 'write', source: stage.source, settings, dry, resume, maxInFlight })}
        />
      )}
      {stage.step === 'write' && (
        <WriteStep
          schema={schema}
          source={stage.source}
          settings={stage.settings}
          dry={stage.dry}
          resume={stage.resume}
          maxInFlight={stage.maxInFlight}
          onDone={() => setStage({ step: 'choose' })}
        />
      )}
    </section>
  );
}
