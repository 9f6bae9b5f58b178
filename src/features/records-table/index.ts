export { RecordsTablePage } from './RecordsTablePage';
