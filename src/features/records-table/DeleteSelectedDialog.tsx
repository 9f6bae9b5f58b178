import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useRuntimeConfig } from '../../aws/AwsContext';
import { describeAwsError } from '../../aws/errors';
import { awsKeys } from '../../aws/queries';
import { sendWrite } from '../../aws/writes';
import { buildDeleteRecordInput } from '../../domain/requests';
import type { FeatureGroupSchema } from '../../domain/schema';
import { DeleteOptionsFields, useDeleteOptions } from '../../shared/DeleteOptionsFields';
import { Dialog } from '../../ui/Dialog';
import { useToast } from '../../ui/Toast';

/** DeleteRecord calls in flight at once: a few, so a large selection neither stalls nor floods. */
const CONCURRENCY = 4;

interface Props {
  open: boolean;
  schema: FeatureGroupSchema;
  recordIds: string[];
  onClose: () => void;
  /** The records deleted, and how (the event time is the one the deletes sent). */
  onDeleted: (recordIds: string[], how: { mode: 'SoftDelete' | 'HardDelete'; eventTime: string }) => void;
}

/** Deletes the selected records with the same confirmation as deleting one: mode, event time, stores. */
export function DeleteSelectedDialog({ open, ...props }: Props) {
  return (
    <Dialog
      open={open}
      title={`Delete ${props.recordIds.length} record${props.recordIds.length === 1 ? '' : 's'} from ${props.schema.name}?`}
      onClose={props.onClose}
    >
      {/* Mounted when the dialog opens, so "now" is the time of opening. */}
      <DeleteSelectedForm {...props} />
    </Dialog>
  );
}

type Outcome = { recordId: string; ok: true } | { recordId: string; ok: false; message: string };

function DeleteSelectedForm({ schema, recordIds: selectedIds, onClose, onDeleted }: Omit<Props, 'open'>) {
  // The selection as it was when the dialog opened: what the user confirmed.
  const [recordIds] = useState(selectedIds);
  const config = useRuntimeConfig();
  const queryClient = useQueryClient();
  const toast = useToast();
  const state = useDeleteOptions(schema);
  const [running, setRunning] = useState(false);
  const [outcomes, setOutcomes] = useState<Outcome[]>([]);
  const failed = outcomes.filter((outcome): outcome is Extract<Outcome, { ok: false }> => !outcome.ok);
  const done = outcomes.length === recordIds.length && outcomes.length > 0;

  const run = async () => {
    setRunning(true);
    setOutcomes([]);
    const { mode, eventTime, stores } = state.options;
    const queue = [...recordIds];
    const results: Outcome[] = [];
    let notRecorded = 0;
    const worker = async () => {
      for (let recordId = queue.shift(); recordId !== undefined; recordId = queue.shift()) {
        try {
          const done = await sendWrite(config, {
            operation: 'DeleteRecord',
            recordId,
            input: buildDeleteRecordInput(schema, recordId, eventTime, mode, stores),
          });
          if (done.historyWarning) notRecorded += 1;
          results.push({ recordId, ok: true });
        } catch (error) {
          const problem = describeAwsError(error, { operation: 'DeleteRecord', featureGroup: schema.name });
          results.push({ recordId, ok: false, message: `${problem.errorName ?? problem.title}: ${problem.detail}` });
        }
        setOutcomes([...results]);
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, recordIds.length) }, worker));
    setRunning(false);
    const deleted = results.filter((result) => result.ok).map((result) => result.recordId);
    toast(
      `${mode === 'HardDelete' ? 'Hard' : 'Soft'}-deleted ${deleted.length} of ${recordIds.length} records${notRecorded ? `; ${notRecorded} not recorded in history (browser storage)` : ''}`,
      deleted.length === recordIds.length && !notRecorded ? undefined : 'info',
    );
    onDeleted(deleted, { mode, eventTime });
    await queryClient.invalidateQueries({ queryKey: awsKeys.records(config, schema.name) });
  };

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (state.valid && !running && !done) void run();
      }}
      noValidate
    >
      <p>
        Feature group <code>{schema.name}</code>, {recordIds.length} records:{' '}
        <span className="mono">
          {recordIds.slice(0, 5).join(', ')}
          {recordIds.length > 5 ? `, and ${recordIds.length - 5} more` : ''}
        </span>
        . One DeleteRecord call per record, with the same mode, event time and stores.
      </p>
      <DeleteOptionsFields schema={schema} state={state} idPrefix="delete-selected" />
      <div role="status" aria-live="polite">
        {outcomes.length > 0 && (
          <p>
            {outcomes.length} of {recordIds.length} done, {failed.length} failed.
          </p>
        )}
      </div>
      {failed.length > 0 && (
        <div className="panel panel--error" role="alert">
          <h3 className="panel__title">Not deleted</h3>
          <ul>
            {failed.map((outcome) => (
              <li key={outcome.recordId}>
                <code>{outcome.recordId}</code>: {outcome.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="actions">
        {!done && (
          <button type="submit" className="button button--danger" disabled={running || !state.valid}>
            {running ? 'Deleting…' : `${state.options.mode === 'HardDelete' ? 'Hard' : 'Soft'} delete ${recordIds.length} records`}
          </button>
        )}
        <button type="button" className="button" onClick={onClose} disabled={running}>
          {done ? 'Close' : 'Cancel'}
        </button>
      </div>
    </form>
  );
}
