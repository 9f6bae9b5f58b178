import { useFormState, type FieldErrors } from 'react-hook-form';
import type { RecordFormValues } from '../../domain/recordForm';
import type { FeatureGroupSchema } from '../../domain/schema';
import type { FormHandles } from './formTypes';
import { fieldId } from './formTypes';
import { focusFormField } from './VirtualFeatureList';

interface SummaryItem {
  label: string;
  message: string;
  targetId: string;
}

/** Errors of array fields arrive as arrays or as objects keyed by index, depending on how they were set. */
function indexed<T>(value: unknown): [number, T][] {
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value)
    .filter(([key]) => /^\d+$/.test(key))
    .map(([key, item]) => [Number(key), item as T]);
}

function collect(schema: FeatureGroupSchema, errors: FieldErrors<RecordFormValues>): SummaryItem[] {
  const items: SummaryItem[] = [];
  type FeatureErrors = { text?: { message?: string }; items?: { message?: string; root?: { message?: string } } };
  for (const [index, featureErrors] of indexed<FeatureErrors>(errors.features)) {
    const spec = schema.features[index];
    if (!featureErrors || !spec) continue;
    if (featureErrors.text?.message) items.push({ label: spec.name, message: featureErrors.text.message, targetId: fieldId(index) });
    const listErrors = featureErrors.items;
    const listMessage = listErrors?.message ?? listErrors?.root?.message;
    if (listMessage) items.push({ label: spec.name, message: listMessage, targetId: `${fieldId(index)}-add` });
    for (const [position, itemError] of indexed<{ value?: { message?: string } } | undefined>(listErrors)) {
      if (itemError?.value?.message)
        items.push({ label: `${spec.name} element ${position + 1}`, message: itemError.value.message, targetId: `${fieldId(index)}-item-${position}` });
    }
  }
  const storesMessage = errors.targetStores?.online?.message ?? errors.targetStores?.offline?.message;
  if (storesMessage)
    items.push({ label: 'Target stores', message: storesMessage, targetId: schema.onlineStore ? 'target-stores-online' : 'target-stores-offline' });
  if (errors.ttl?.value?.message) items.push({ label: 'TTL', message: errors.ttl.value.message, targetId: 'ttl-value' });
  return items;
}

/** After a failed submit: every problem at once, each a link to its field. */
export function ErrorSummary({ schema, form, onShowForm }: { schema: FeatureGroupSchema; form: FormHandles; onShowForm: () => void }) {
  const { errors, isSubmitted } = useFormState({ control: form.control });
  if (!isSubmitted) return null;
  const items = collect(schema, errors);
  if (items.length === 0) return null;
  return (
    <div className="error-summary" role="alert" aria-labelledby="error-summary-title">
      {/* h2: it stands before the form's own h2 sections, right under the page's h1. */}
      <h2 id="error-summary-title">{items.length === 1 ? '1 problem' : `${items.length} problems`} to fix before anything is sent</h2>
      <ul>
        {items.slice(0, 50).map((item) => (
          <li key={`${item.targetId}:${item.message}`}>
            <button
              type="button"
              className="link"
              onClick={() => {
                onShowForm();
                focusFormField(item.targetId);
              }}
            >
              {item.label}
            </button>
            : {item.message}
          </li>
        ))}
        {items.length > 50 && <li>and {items.length - 50} more</li>}
      </ul>
    </div>
  );
}
