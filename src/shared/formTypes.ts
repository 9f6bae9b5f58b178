import type { Control, UseFormRegister, UseFormSetValue } from 'react-hook-form';
import type { RecordFormValues } from '../domain/recordForm';

/** What every field component needs from the form: stable references only, so memo() holds. */
export interface FormHandles {
  control: Control<RecordFormValues>;
  register: UseFormRegister<RecordFormValues>;
  setValue: UseFormSetValue<RecordFormValues>;
}

/** Stable DOM ids from the feature's position (names can hold characters ids dislike). */
export const fieldId = (index: number) => `feature-${index}`;
