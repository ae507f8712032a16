import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { DeployedWorkload } from '@plinth/plugin-orchestrator-common';
import type { OrchestratorService } from '@plinth/plugin-orchestrator-node';

/**
 * A workload as an environment's last successful deployment deployed it,
 * or an error saying what is missing (no deployment, or not this workload).
 */
export async function lastDeployed(
  orchestrator: OrchestratorService,
  target: { app: string; environment: string; workload: string },
  credentials: BackstageCredentials,
): Promise<DeployedWorkload> {
  const { app, environment, workload } = target;
  const deployments = await orchestrator.listDeployments(app, environment, {
    credentials,
  });
  const last = deployments.find(d => d.status === 'succeeded');
  if (!last) {
    throw new Error(
      `Environment ${environment} of ${app} has no successful deployment to take ${workload} from: give its Score file`,
    );
  }
  const deployment = await orchestrator.getDeployment(
    app,
    environment,
    last.id,
    { credentials },
  );
  const deployed = deployment.workloads.find(w => w.name === workload);
  if (!deployed) {
    throw new Error(
      `The last deployment to ${environment} of ${app} has no workload ${workload}; it has ${
        deployment.workloads.map(w => w.name).join(', ') || 'none'
      }`,
    );
  }
  return deployed;
}
