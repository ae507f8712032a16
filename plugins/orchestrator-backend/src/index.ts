/**
 * Plinth's platform orchestrator backend: environments, Score workloads,
 * resource definitions and drivers, provisioning runs, shared values and
 * secrets, and the reaper of expired environments.
 *
 * @packageDocumentation
 */

export { orchestratorPlugin as default } from './plugin';
