// The form handles live in src/shared (the target-store, TTL and event-time controls there use them too).
export { fieldId, type FormHandles } from '../../shared/formTypes';
