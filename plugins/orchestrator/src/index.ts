/**
 * The Plinth platform orchestrator plugin: an app's environments in
 * Backstage's UI — the `Environments` tab of every catalog Component and
 * System (status, TTL countdown, lock, resources with their outputs and
 * secrets masked, workloads, runs, and the actions the permission policy
 * allows) — and the `Platform orchestrator` admin page (environment types,
 * resource definitions, resource types, explain), over the orchestrator
 * backend at `/api/orchestrator`.
 *
 * The default export is the plugin for the new frontend system;
 * `orchestratorPlugin`, `OrchestratorPage` and `EntityOrchestratorContent`
 * serve apps of the old one.
 *
 * @packageDocumentation
 */

export { orchestratorFrontendPlugin as default } from './plugin';

export {
  orchestratorPlugin,
  OrchestratorPage,
  EntityOrchestratorContent,
} from './legacyPlugin';

export { orchestratorApiRef } from './api/OrchestratorApi';
export type {
  CreatedEnvironment,
  CreateEnvironmentRequest,
  DeployRequest,
  DeployWorkloadRequest,
  EnvironmentDetails,
  ExplainRequest,
  OrchestratorApi,
  OrchestratorAppRef,
  ResourceDriverView,
  ResourceTypeView,
} from './api/OrchestratorApi';
export { OrchestratorClient } from './api/OrchestratorClient';
