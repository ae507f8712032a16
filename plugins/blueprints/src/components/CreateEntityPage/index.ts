export { CreateEntityPage } from './CreateEntityPage';
