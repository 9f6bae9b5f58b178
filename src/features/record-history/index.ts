export { RecordHistoryPage } from './RecordHistoryPage';
