/**
 * Plinth's self-service actions for the Backstage scaffolder, through the
 * platform orchestrator, and the backend module that adds them.
 *
 * @packageDocumentation
 */

export { scaffolderModulePlinthActions as default } from './module';
export * from './actions';
