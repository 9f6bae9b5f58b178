export { GroupPickerPage } from './GroupPickerPage';
