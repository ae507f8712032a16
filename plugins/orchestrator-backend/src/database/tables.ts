import type { NewRun } from './OrchestratorStore';

/** The orchestrator's tables (see the package's migrations). */
export const ENVIRONMENTS = 'orchestrator_environments';
export const WORKLOADS = 'orchestrator_workloads';
export const RESOURCES = 'orchestrator_resources';
export const VALUES = 'orchestrator_values';
export const RUNS = 'orchestrator_runs';
export const TYPES = 'orchestrator_environment_types';
export const DEFINITIONS = 'orchestrator_resource_definitions';
export const DEPLOYMENTS = 'orchestrator_deployments';

/** The row of a new, queued run of an environment. */
export const runRow = (app: string, env: string, run: NewRun) => ({
  id: run.id,
  app_ref: app,
  env_id: env,
  action: run.action,
  status: 'queued',
  attempts: 0,
  requested_by: run.requestedBy,
  created_at: run.now,
});
