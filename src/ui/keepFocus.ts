import type { MouseEvent } from 'react';

/**
 * For buttons inside a form: pressing the mouse does not take focus from the field
 * being edited. Otherwise the field's blur validation can insert an error message
 * between mouse-down and mouse-up, the button moves, and the click is lost.
 * Keyboard focus is unaffected.
 */
export const keepFocusOnPress = {
  onMouseDown: (event: MouseEvent) => event.preventDefault(),
};
