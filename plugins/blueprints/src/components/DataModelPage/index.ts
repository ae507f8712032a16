export { DataModelPage } from './DataModelPage';
