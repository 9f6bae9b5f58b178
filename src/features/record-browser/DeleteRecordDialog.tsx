import { useMutation, useQueryClient } from '@tanstack/react-query';
import { visibleText } from '../../domain/inputWarnings';
import { useRuntimeConfig } from '../../aws/AwsContext';
import { describeAwsError } from '../../aws/errors';
import { awsKeys } from '../../aws/queries';
import { sendWrite } from '../../aws/writes';
import { buildDeleteRecordInput } from '../../domain/requests';
import type { FeatureGroupSchema } from '../../domain/schema';
import { DeleteOptionsFields, useDeleteOptions } from '../../shared/DeleteOptionsFields';
import { Dialog } from '../../ui/Dialog';
import { ProblemPanel } from '../../ui/ProblemPanel';
import { useToast } from '../../ui/Toast';

export interface DeleteOutcome {
  mode: 'SoftDelete' | 'HardDelete';
  requestId?: string | undefined;
}

interface DeleteProps {
  schema: FeatureGroupSchema;
  recordId: string;
  onClose: () => void;
  onDeleted: (outcome: DeleteOutcome) => void;
}

export function DeleteRecordDialog({ open, ...props }: DeleteProps & { open: boolean }) {
  return (
    <Dialog open={open} title={`Delete record ${visibleText(props.recordId)} from ${props.schema.name}?`} onClose={props.onClose}>
      {/* Mounted when the dialog opens, so "now" is the time of opening. */}
      <DeleteRecordForm {...props} />
    </Dialog>
  );
}

function DeleteRecordForm({ schema, recordId, onClose, onDeleted }: DeleteProps) {
  const config = useRuntimeConfig();
  const queryClient = useQueryClient();
  const toast = useToast();
  const deleteOptions = useDeleteOptions(schema);
  const { mode, eventTime, stores } = deleteOptions.options;

  const mutation = useMutation({
    mutationFn: () => sendWrite(config, { operation: 'DeleteRecord', recordId, input: buildDeleteRecordInput(schema, recordId, eventTime, mode, stores) }),
    onSuccess: async (result) => {
      toast(`${mode === 'HardDelete' ? 'Hard' : 'Soft'}-deleted record ${recordId}${result.historyWarning ? `; ${result.historyWarning}` : ''}`);
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
        if (deleteOptions.valid) mutation.mutate();
      }}
      noValidate
    >
      <p>
        Feature group <code>{schema.name}</code>, record <code>{visibleText(recordId)}</code>.
      </p>
      <DeleteOptionsFields schema={schema} state={deleteOptions} idPrefix="delete" />
      {problem && <ProblemPanel problem={problem} />}
      <div className="actions">
        <button type="submit" className="button button--danger" disabled={mutation.isPending || !deleteOptions.valid}>
          {mutation.isPending ? 'Deleting…' : mode === 'HardDelete' ? 'Hard delete record' : 'Soft delete record'}
        </button>
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}
