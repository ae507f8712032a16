export { BlueprintPage } from './BlueprintPage';
