export { OrchestratorPage } from './OrchestratorPage';
