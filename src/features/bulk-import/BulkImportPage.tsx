import { useState } from 'react';
import { useRuntimeConfig } from '../../aws/AwsContext';
import { useStorageScope } from '../../aws/storageScope';
import type { FeatureGroupSchema } from '../../domain/schema';
import { discardImportProgress, importKey } from '../../storage';
import { WithGroupSchema } from '../../shared/WithGroupSchema';
import { GroupHeader } from '../../ui/GroupHeader';
import { ChooseSourceStep, type ChosenSource } from './ChooseSourceStep';
import { MappingStep } from './MappingStep';
import { WriteStep } from './WriteStep';
import { WriteSession } from './writeSession';

/** Bulk import: a file (CSV, TSV, JSON Lines, Parquet) or generated records, written with BatchWriteRecord. */
export function BulkImportPage({ groupName }: { groupName: string }) {
  return (
    <WithGroupSchema groupName={groupName}>
      {(schema) => (
        <>
          <GroupHeader schema={schema} active="import" />
          <BulkImportSteps key={schema.name} schema={schema} />
        </>
      )}
    </WithGroupSchema>
  );
}

type Stage = { step: 'choose' } | ({ step: 'map' } & ChosenSource) | { step: 'write'; session: WriteSession };

/** The steps: choose a source, map and dry run, write. */
export function BulkImportSteps({ schema }: { schema: FeatureGroupSchema }) {
  const [stage, setStage] = useState<Stage>({ step: 'choose' });
  const scope = useStorageScope();
  const config = useRuntimeConfig();

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
          onWrite={(settings, dry, resume, maxInFlight) =>
            // Started by the click, not by an effect: StrictMode's remount cannot cancel or repeat it.
            setStage({ step: 'write', session: new WriteSession({ config, scope, schema, source: stage.source, settings, dry, resume, maxInFlight }) })
          }
        />
      )}
      {stage.step === 'write' && <WriteStep session={stage.session} onDone={() => setStage({ step: 'choose' })} />}
    </section>
  );
}
