import { useMemo } from 'react';
import { useRuntimeConfig } from '../../aws/AwsContext';
import { buildBoto3Snippet, buildCliCommand, type CommandTarget } from '../../domain/cli';
import { ChangesTable } from '../../shared/ChangesTable';
import { predictExpiry } from '../../domain/expiry';
import type { RecordFormValues } from '../../domain/recordForm';
import { formatLocal, formatRelative } from '../../domain/relativeTime';
import type { FeatureGroupSchema } from '../../domain/schema';
import { describeTtl } from '../../domain/ttl';
import { compareEventTimes, eventTimeText, eventTimeWarning, planWrite, type StoredRecordBase, type WritePreference } from '../../domain/writePlan';
import { CodeBlock } from '../../ui/CodeBlock';
import { CopyButton } from '../../ui/CopyButton';
import type { FormHandles } from './formTypes';
import { useExpandedValues, type GeneratorSession } from './generatedValues';
import { useLiveFormValues } from './formChanges';

/**
 * Live on every change: the exact command input Save will send, copyable as JSON, an
 * AWS CLI command or boto3, and when the record will expire.
 */
export function RequestPreview({
  schema,
  form,
  base,
  preference,
  generatorSession,
}: {
  schema: FeatureGroupSchema;
  form: FormHandles;
  base: StoredRecordBase | undefined;
  preference: WritePreference;
  /** Expands generators in the preview exactly as the write will. */
  generatorSession?: GeneratorSession;
}) {
  const config = useRuntimeConfig();
  // Generators ({{uuid}}, {{seq}}…) shown as the concrete values the write will send.
  // Live values without react-hook-form's per-change deep clone (formChanges.ts).
  const values = useExpandedValues(schema, useLiveFormValues(form.control), generatorSession);
  const plan = useMemo(() => planWrite(schema, values, base, preference), [schema, values, base, preference]);
  const json = useMemo(() => JSON.stringify(plan.input, null, 2), [plan]);
  const eventTime = eventTimeText(schema, values);
  const target: CommandTarget = { region: config.region, ...(config.endpoints?.featureStoreRuntime ? { endpoint: config.endpoints.featureStoreRuntime } : {}) };
  const storedEventTime = base?.record.find((value) => value.FeatureName === schema.eventTimeName)?.ValueAsString;
  const warning = base ? eventTimeWarning(plan.operation, compareEventTimes(schema, eventTime, storedEventTime)) : null;

  return (
    <section aria-labelledby="preview-title">
      <h2 id="preview-title">Preview</h2>
      {base && plan.changes && (
        <div className="panel">
          <h3>
            Changes to record <code>{base.recordId}</code>
          </h3>
          {plan.changes.length === 0 ? (
            <p className="muted">No feature differs from the stored record yet.</p>
          ) : (
            <ChangesTable changes={plan.changes} before="Stored" after="New" label="Changes: stored and new value per feature" />
          )}
          <p style={{ marginTop: 'var(--space-2)' }}>
            <strong>{plan.operation}</strong>: {plan.reason}
          </p>
          {warning && (
            <p className="panel panel--warn" role="status" data-testid="event-time-warning">
              {warning}
            </p>
          )}
        </div>
      )}
      <ExpiryNote schema={schema} values={values} eventTime={eventTime} operation={plan.operation} base={base} />
      <CodeBlock
        id="request-preview"
        title={`${plan.operation} request`}
        actions={
          <>
            <CopyButton label="Copy JSON" getText={() => json} />
            <CopyButton label="Copy AWS CLI" getText={() => buildCliCommand({ operation: plan.operation, input: plan.input } as never, target)} />
            <CopyButton label="Copy boto3" getText={() => buildBoto3Snippet({ operation: plan.operation, input: plan.input } as never, target)} />
          </>
        }
      >
        {json}
      </CodeBlock>
    </section>
  );
}

function ExpiryNote({
  schema,
  values,
  eventTime,
  operation,
  base,
}: {
  schema: FeatureGroupSchema;
  values: RecordFormValues;
  eventTime: string;
  operation: string;
  base: StoredRecordBase | undefined;
}) {
  const prediction = predictExpiry(schema, values, eventTime);
  const now = new Date();
  let body;
  if (operation === 'UpdateRecord' && values.ttl.mode !== 'custom') {
    body = base?.expiresAt ? (
      <>
        Unchanged: UpdateRecord without a TTL keeps the stored ExpiresAt, <time dateTime={base.expiresAt}>{base.expiresAt}</time>.
      </>
    ) : (
      'Unchanged: the stored record has no ExpiresAt.'
    );
  } else if (prediction.kind === 'at') {
    body = (
      <>
        <strong data-testid="predicted-expires-at">{prediction.expiresAt.toISOString()}</strong> ({formatRelative(prediction.expiresAt, now)})
        <br />
        <span className="muted">
          {formatLocal(prediction.expiresAt)} local · event time + {describeTtl(prediction.ttl)} ({prediction.source})
        </span>
      </>
    );
  } else if (prediction.kind === 'never') {
    body = <strong>Never expires: no TTL applies to this record.</strong>;
  } else if (prediction.kind === 'offline-only') {
    body = 'Not applicable: this write goes only to the offline store, where TTL does not apply.';
  } else {
    body = <span className="muted">{prediction.reason}</span>;
  }
  return (
    <div className="panel" aria-live="polite">
      <h3>ExpiresAt</h3>
      <p style={{ margin: 0 }}>{body}</p>
    </div>
  );
}
