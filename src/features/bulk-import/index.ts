export { BulkImportPage } from './BulkImportPage';
