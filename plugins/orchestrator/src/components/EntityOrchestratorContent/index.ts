export { EntityOrchestratorContent } from './EntityOrchestratorContent';
