import { useApi } from '@backstage/core-plugin-api';
import {
  Deployment,
  DeploymentSummary,
  Environment,
} from '@plinth/plugin-orchestrator-common';
import { orchestratorApiRef } from '../api/OrchestratorApi';
import { inProgress } from '../lib/deployments';
import { usePolling } from './usePolling';
import { Reloadable, useReloadable } from './useReloadable';

/** How many deployments an environment's history shows. */
export const HISTORY_LIMIT = 20;

/** The deployments of an environment, as {@link useDeployments} reads them. */
export interface EnvironmentDeployments {
  /** The latest deployments, the newest first. */
  items: DeploymentSummary[];
  /**
   * The deployment before the oldest of `items`, if there is one: what the
   * oldest changed is told against it.
   */
  before?: DeploymentSummary;
  /** The newest deployment in full: its workloads, stages and logs. */
  current?: Deployment;
  /** The newest deployment that succeeded: what runs now. */
  lastSucceeded?: DeploymentSummary;
}

/**
 * The deployments of an environment: its history and its newest deployment
 * with its stages, read again every few seconds while that one is queued or
 * in a stage, and whenever the environment changes.
 */
export function useDeployments(
  app: string,
  environment: Environment,
): Reloadable<EnvironmentDeployments> {
  const api = useApi(orchestratorApiRef);
  const state = useReloadable(async () => {
    // One more than shown, to tell what the oldest shown changed.
    const listed = await api.listDeployments(app, environment.id, {
      limit: HISTORY_LIMIT + 1,
    });
    const items = listed.slice(0, HISTORY_LIMIT);
    const current = items[0]
      ? await api.getDeployment(app, environment.id, items[0].id)
      : undefined;
    return {
      items,
      before: listed[HISTORY_LIMIT],
      current,
      lastSucceeded: items.find(d => d.status === 'succeeded'),
    };
  }, [api, app, environment.id, environment.updatedAt]);
  usePolling(
    state.reload,
    !!state.value?.current && inProgress(state.value.current.status),
  );
  return state;
}
