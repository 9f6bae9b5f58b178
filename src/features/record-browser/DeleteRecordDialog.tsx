import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRuntimeConfig } from '../../aws/AwsContext';
import { describeAwsError } from '../../aws/errors';
import { awsKeys } from '../../aws/queries';
import { sendWrite } from '../../aws/writes';
import { formatEventTime, parseEventTime } from '../../domain/eventTime';
import { buildDeleteRecordInput } from '../../domain/requests';
import type { FeatureGroupSchema } from '../../domain/schema';
import { Dialog } from '../../ui/Dialog';
import { ProblemPanel } from '../../ui/ProblemPanel';
import { useToast } from '../../ui/Toast';

export interface DeleteOutcome {
  mode: 'SoftDelete' | 'HardDelete';
  requestId?: string | undefined;
}

const MODE_SENTENCES = {
  SoftDelete: 'Soft delete keeps only the identifier and event time online and blanks every other feature; GetRecord stops returning the record.',
  HardDelete: 'Hard delete removes the record from the online store entirely.',
} as const;

interface DeleteProps {
  schema: FeatureGroupSchema;
  recordId: string;
  onClose: () => void;
  onDeleted: (outcome: DeleteOutcome) => void;
}

export function DeleteRecordDialog({ open, ...props }: DeleteProps & { open: boolean }) {
  return (
    <Dialog open={open} title={`Delete record ${props.recordId} from ${props.schema.name}?`} onClose={props.onClose}>
      {/* Mounted when the dialog opens, so "now" is the time of opening. */}
      <DeleteRecordForm {...props} />
    </Dialog>
  );
}

function DeleteRecordForm({ schema, recordId, onClose, onDeleted }: DeleteProps) {
  const config = useRuntimeConfig();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [mode, setMode] = useState<'SoftDelete' | 'HardDelete'>('SoftDelete');
  const [eventTime, setEventTime] = useState(() => formatEventTime(schema.eventTimeType, new Date()));
  const [stores, setStores] = useState({ online: schema.onlineStore !== undefined, offline: schema.offlineStore });
  const parsed = parseEventTime(schema.eventTimeType, eventTime);
  const storesError = !(stores.online && schema.onlineStore) && !(stores.offline && schema.offlineStore) ? 'Choose at least one store.' : undefined;

  const mutation = useMutation({
    mutationFn: () => sendWrite(config, { operation: 'DeleteRecord', recordId, input: buildDeleteRecordInput(schema, recordId, eventTime, mode, stores) }),
    onSuccess: async (result) => {
      toast(`${mode === 'HardDelete' ? 'Hard' : 'Soft'}-deleted record ${recordId}`);
      await queryClient.invalidateQueries({ queryKey: awsKeys.records(config, schema.name) });
      onDeleted({ mode, requestId: result.requestId });
      mutation.reset();
    },
  });
  const problem = mutation.isError ? describeAwsError(mutation.error, { operation: 'DeleteRecord', featureGroup: schema.name }) : undefined;

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (parsed.ok && !storesError) mutation.mutate();
      }}
      noValidate
    >
      <p>
        Feature group <code>{schema.name}</code>, record <code>{recordId}</code>.
      </p>
      <fieldset>
        <legend>Deletion mode</legend>
        {(['SoftDelete', 'HardDelete'] as const).map((value) => (
          <p key={value} style={{ margin: '0 0 var(--space-2)' }}>
            <label className="check">
              <input type="radio" name="deletion-mode" checked={mode === value} onChange={() => setMode(value)} />{' '}
              {value === 'SoftDelete' ? 'Soft delete' : 'Hard delete'}
            </label>
            <br />
            <span className="field__hint">{MODE_SENTENCES[value]}</span>
          </p>
        ))}
        <p className="field__hint">Either way the offline store gets a row marked is_deleted.</p>
      </fieldset>
      <div className="field">
        <label className="field__label" htmlFor="delete-event-time">
          Event time of the delete
        </label>
        <div className="field-row">
          <input
            id="delete-event-time"
            type="text"
            className="mono"
            value={eventTime}
            onChange={(event) => setEventTime(event.target.value)}
            aria-invalid={parsed.ok ? undefined : true}
            aria-describedby="delete-event-time-hint"
          />
          <button type="button" className="button" onClick={() => setEventTime(formatEventTime(schema.eventTimeType, new Date()))}>
            Now
          </button>
        </div>
        <p className="field__hint" id="delete-event-time-hint">
          Must be later than the stored record&apos;s event time: otherwise a soft delete changes nothing online and a hard delete is refused.
        </p>
        {!parsed.ok && (
          <p className="field__error" role="alert">
            {parsed.message}
          </p>
        )}
      </div>
      <fieldset>
        <legend>Target stores</legend>
        {schema.onlineStore && (
          <label className="check">
            <input type="checkbox" checked={stores.online} onChange={(event) => setStores({ ...stores, online: event.target.checked })} /> Online store
          </label>
        )}{' '}
        {schema.offlineStore && (
          <label className="check">
            <input type="checkbox" checked={stores.offline} onChange={(event) => setStores({ ...stores, offline: event.target.checked })} /> Offline store
          </label>
        )}
        {storesError && (
          <p className="field__error" role="alert">
            {storesError}
          </p>
        )}
      </fieldset>
      {problem && <ProblemPanel problem={problem} />}
      <div className="actions">
        <button type="submit" className="button button--danger" disabled={mutation.isPending || !parsed.ok || Boolean(storesError)}>
          {mutation.isPending ? 'Deleting…' : mode === 'HardDelete' ? 'Hard delete record' : 'Soft delete record'}
        </button>
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}
