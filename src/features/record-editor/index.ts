export { RecordEditorPage } from './RecordEditorPage';
