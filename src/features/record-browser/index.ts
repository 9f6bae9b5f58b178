export { RecordBrowserPage } from './RecordBrowserPage';
export { RecordViewPage } from './RecordViewPage';
