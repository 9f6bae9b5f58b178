import type { KeyboardEvent } from 'react';

/**
 * B3, the record form's keyboard model: Enter never writes. In a list element it moves to the
 * next element (adding one after the last; ListControl handles that and marks the event handled);
 * in another field it moves to the next field. Ctrl+Enter or Cmd+Enter writes the record from
 * anywhere in the form. The form tells users so under its Write button.
 */
export function handleFormEnter(event: KeyboardEvent<HTMLFormElement>, submit: () => void): void {
  if (event.key !== 'Enter' || event.defaultPrevented) return;
  const target = event.target;
  if (event.ctrlKey || event.metaKey) {
    event.preventDefault();
    submit();
    return;
  }
  if (!(target instanceof HTMLInputElement) || ['button', 'submit', 'reset', 'checkbox', 'radio', 'file'].includes(target.type)) return;
  event.preventDefault();
  const fields = [...event.currentTarget.querySelectorAll<HTMLElement>('input:not([type=hidden]):not([readonly]):not([disabled]), textarea, select')];
  fields[fields.indexOf(target) + 1]?.focus();
}
